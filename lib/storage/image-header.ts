import { open } from "node:fs/promises";

// Reads what an image declares about itself, without spawning qemu-img: for qcow2 the header
// (magic "QFI\xfb", virtual size at byte 24); anything else is raw, sized by the file.
// Used to check a finished copy on the job's critical path, where a process spawn costs more.

const QCOW2_MAGIC = 0x514649fb;

export async function readImageHeader(file: string): Promise<{ format: "qcow2" | "raw"; virtualSize: number }> {
  const handle = await open(file, "r");
  try {
    const header = Buffer.alloc(32);
    const { bytesRead } = await handle.read(header, 0, 32, 0);
    if (bytesRead >= 32 && header.readUInt32BE(0) === QCOW2_MAGIC) {
      return { format: "qcow2", virtualSize: Number(header.readBigUInt64BE(24)) };
    }
    return { format: "raw", virtualSize: (await handle.stat()).size };
  } finally {
    await handle.close();
  }
}
