import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { BlockWriter } from "@/lib/image-transfers/block-writer";
import { testDir } from "@/tests/support/fixtures";

// Pieces of any size land at their place in the file, across block boundaries, with several
// blocks in flight; a write that fails fails the whole.

describe("block writer", () => {
  it("writes pieces smaller and larger than a block, from an offset, exactly as sent", async () => {
    const file = path.join(testDir(), "blocks.bin");
    writeFileSync(file, Buffer.alloc(300_000, 0xee));
    const data = randomBytes(200_003);
    const handle = await open(file, "r+");
    const writer = new BlockWriter(handle, 1_000, 4_096, 3);
    for (let at = 0, size = 1; at < data.length; at += size, size = (size * 7 + 13) % 20_000) await writer.add(data.subarray(at, at + size));
    await writer.end();
    await handle.close();
    const written = readFileSync(file);
    expect(written.subarray(1_000, 201_003).equals(data)).toBe(true);
    expect(written.subarray(0, 1_000).every((b) => b === 0xee)).toBe(true);
    expect(written.subarray(201_003).every((b) => b === 0xee)).toBe(true);
    expect(written.length).toBe(300_000);
  });

  it("writes the rest after a short write, from the middle of a piece", async () => {
    // A file that takes at most 1000 bytes per write, as a short write leaves it.
    const file = Buffer.alloc(50_000);
    const handle = {
      async writev(pieces: Uint8Array[], position: number) {
        const all = Buffer.concat(pieces).subarray(0, 1_000);
        all.copy(file, position);
        return { bytesWritten: all.length, buffers: pieces };
      },
    } as unknown as FileHandle;
    const data = randomBytes(40_000);
    const writer = new BlockWriter(handle, 500, 8_192, 2);
    for (let at = 0; at < data.length; at += 3_001) await writer.add(data.subarray(at, at + 3_001));
    await writer.end();
    expect(file.subarray(500, 40_500).equals(data)).toBe(true);
    expect(file.subarray(0, 500).every((b) => b === 0)).toBe(true);
    expect(file.subarray(40_500).every((b) => b === 0)).toBe(true);
  });

  it("fails when a write fails, and settles its writes in flight", async () => {
    const file = path.join(testDir(), "read-only.bin");
    writeFileSync(file, Buffer.alloc(10));
    const handle = await open(file, "r");
    const writer = new BlockWriter(handle, 0, 4_096, 2);
    const sending = (async () => {
      for (let i = 0; i < 8; i++) await writer.add(Buffer.alloc(4_096, 1));
      await writer.end();
    })();
    await expect(sending).rejects.toThrow(/EBADF/);
    await writer.settle();
    await handle.close();
    expect(readFileSync(file).equals(Buffer.alloc(10))).toBe(true);
  });
});
