import { open } from "node:fs/promises";

// Reads what an image declares about itself, without spawning qemu-img: for qcow2 the header
// (magic "QFI\xfb", virtual size at byte 24); anything else is raw, sized by the file.
// Used on the job's critical path (choosing how to copy, checking a finished copy), where a
// process spawn costs more.

const QCOW2_MAGIC = 0x514649fb;

export interface ImageHeader {
  format: "qcow2" | "raw";
  virtualSize: number;
  /** Whether the image names a backing file (qcow2 backing_file_offset, byte 8, is not 0). */
  hasBacking: boolean;
}

export async function readImageHeader(file: string): Promise<ImageHeader> {
  const handle = await open(file, "r");
  try {
    const header = Buffer.alloc(32);
    const { bytesRead } = await handle.read(header, 0, 32, 0);
    if (bytesRead >= 32 && header.readUInt32BE(0) === QCOW2_MAGIC) {
      return { format: "qcow2", virtualSize: Number(header.readBigUInt64BE(24)), hasBacking: header.readBigUInt64BE(8) !== 0n };
    }
    return { format: "raw", virtualSize: (await handle.stat()).size, hasBacking: false };
  } finally {
    await handle.close();
  }
}
