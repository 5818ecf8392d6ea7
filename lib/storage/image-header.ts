import { open } from "node:fs/promises";

// Reads what an image declares about itself, without spawning qemu-img: for qcow2 the header
// (magic "QFI\xfb", virtual size at byte 24, backing file name and its format extension); anything
// else is raw, sized by the file. Used on the job's critical path (choosing how to copy, checking a
// finished copy), where a process spawn costs more.

const QCOW2_MAGIC = 0x514649fb;
const BACKING_FORMAT_EXTENSION = 0xe2792aca;
const HEADER_READ = 4096;

export interface ImageHeader {
  format: "qcow2" | "raw";
  virtualSize: number;
  /** The backing file as the image names it (often relative to the image), or null. */
  backingFile: string | null;
  /** The backing file's format as the image records it, or null when it does not. */
  backingFormat: string | null;
}

export async function readImageHeader(file: string): Promise<ImageHeader> {
  const handle = await open(file, "r");
  try {
    const header = Buffer.alloc(HEADER_READ);
    const { bytesRead } = await handle.read(header, 0, HEADER_READ, 0);
    if (bytesRead < 72 || header.readUInt32BE(0) !== QCOW2_MAGIC) {
      return { format: "raw", virtualSize: (await handle.stat()).size, backingFile: null, backingFormat: null };
    }
    const virtualSize = Number(header.readBigUInt64BE(24));
    const nameOffset = Number(header.readBigUInt64BE(8));
    if (nameOffset === 0) return { format: "qcow2", virtualSize, backingFile: null, backingFormat: null };
    const name = Buffer.alloc(header.readUInt32BE(16));
    await handle.read(name, 0, name.length, nameOffset);
    return { format: "qcow2", virtualSize, backingFile: name.toString("utf8"), backingFormat: backingFormat(header.subarray(0, bytesRead)) };
  } finally {
    await handle.close();
  }
}

/** The backing format header extension: extensions follow the header (72 bytes in version 2, header_length in 3). */
function backingFormat(header: Buffer) {
  let at = header.readUInt32BE(4) >= 3 ? header.readUInt32BE(100) : 72;
  while (at + 8 <= header.length) {
    const type = header.readUInt32BE(at);
    const length = header.readUInt32BE(at + 4);
    if (type === 0) return null;
    if (type === BACKING_FORMAT_EXTENSION) return header.toString("utf8", at + 8, Math.min(header.length, at + 8 + length));
    at += 8 + Math.ceil(length / 8) * 8;
  }
  return null;
}
