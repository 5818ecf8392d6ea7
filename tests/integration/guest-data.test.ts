import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { guestMap, guestSize, readGuest, wholeFile } from "@/lib/storage/guest-data";
import { MiB, testDir, writePattern } from "@/tests/support/fixtures";

// A chain's guest data read straight from its files by qemu-img's map, as downloads read it:
// every range reads what QEMU reads (qemu-img convert to raw is the reference), across files,
// offsets, zeros and holes; data with no place in a file (compressed) has no map.

const qemuImg = (...args: string[]) => execFileSync("qemu-img", args, { stdio: "ignore" });

/** A raw base, a qcow2 over it with data and a zeroed range, a qcow2 top over that. */
function chain(dir: string) {
  mkdirSync(dir, { recursive: true });
  const [base, middle, top] = ["base.raw", "middle.qcow2", "top.qcow2"].map((name) => path.join(dir, name));
  qemuImg("create", "-q", "-f", "raw", base, String(6 * MiB)); // shorter than the disk: reads zeros past its end
  writePattern(base, "raw", 0x11, 0, 2 * MiB);
  qemuImg("create", "-q", "-f", "qcow2", "-b", "base.raw", "-F", "raw", middle, String(8 * MiB));
  writePattern(middle, "qcow2", 0x22, MiB, 2 * MiB);
  execFileSync("qemu-io", ["-f", "qcow2", "-c", `write -z ${5 * MiB} ${MiB}`, middle], { stdio: "ignore" });
  qemuImg("create", "-q", "-f", "qcow2", "-b", "middle.qcow2", "-F", "qcow2", top, String(8 * MiB));
  writePattern(top, "qcow2", 0x33, 2.5 * MiB, 64 * 1024);
  writePattern(top, "qcow2", 0x44, 7 * MiB - 4096, 4096);
  return top;
}

async function read(stream: NodeJS.ReadableStream) {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("guest data read by a chain's map", () => {
  it("reads every range as QEMU does, across the chain's files, zeros and a short raw base", async () => {
    const top = chain(path.join(testDir(), "chain"));
    const reference = path.join(testDir(), "chain.raw");
    qemuImg("convert", "-f", "qcow2", "-O", "raw", top, reference);
    const expected = readFileSync(reference);
    const map = (await guestMap(top, "qcow2"))!;
    expect(map).not.toBeNull();
    expect(new Set(map.filter((e) => e.file).map((e) => path.basename(e.file!)))).toEqual(new Set(["base.raw", "middle.qcow2", "top.qcow2"]));
    expect(guestSize(map)).toBe(8 * MiB);
    expect((await read(readGuest(map, 0, 8 * MiB - 1))).equals(expected)).toBe(true);
    // Ranges that start and end inside extents, and one that spans them all.
    for (const [start, end] of [[0, 0], [MiB - 7, 3 * MiB + 11], [2.5 * MiB + 100, 2.5 * MiB + 200], [5 * MiB - 1, 7 * MiB], [7 * MiB - 4096, 8 * MiB - 1], [123, 8 * MiB - 2]]) {
      expect((await read(readGuest(map, start, end))).equals(expected.subarray(start, end + 1))).toBe(true);
    }
  });

  it("reads the same when its consumer hands each piece back to be filled again, and never hands out the shared zeros for reuse", async () => {
    // As the imageio endpoint sends a download: piece by piece into a writable (flowing, as a
    // pipeline reads it), each handed back once written.
    const readAll = async (stream: ReturnType<typeof readGuest>, handsBack = (_piece: Buffer) => true) => {
      const copies: Buffer[] = [];
      const buffers = new Set<ArrayBufferLike>();
      const sink = new Writable({
        write(piece: Buffer, _encoding, done) {
          copies.push(Buffer.from(piece));
          buffers.add(piece.buffer);
          if (handsBack(piece)) stream.recycle(piece);
          setImmediate(done); // a socket's write ends later; reads go on meanwhile
        },
      });
      await pipeline(stream, sink);
      return { data: Buffer.concat(copies), buffers: buffers.size, pieces: copies.length };
    };
    const top = chain(path.join(testDir(), "recycled"));
    const reference = path.join(testDir(), "recycled.raw");
    qemuImg("convert", "-f", "qcow2", "-O", "raw", top, reference);
    const chained = await readAll(readGuest((await guestMap(top, "qcow2"))!, 0, 8 * MiB - 1));
    expect(chained.data.equals(readFileSync(reference))).toBe(true);

    const file = path.join(testDir(), "plain.bin");
    const bytes = randomBytes(40 * MiB + 123);
    writeFileSync(file, bytes);
    const plain = await readAll(readGuest(wholeFile(file, bytes.length), 0, bytes.length - 1));
    expect(plain.data.equals(bytes)).toBe(true);
    expect(plain.pieces).toBe(11);
    expect(plain.buffers).toBeLessThanOrEqual(4); // those read ahead before the first came back

    // Zero ranges between data ranges; handing back only the zero pieces leaves nothing to reuse.
    const map = Array.from({ length: 10 }, (_, i) => ({ start: i * 4 * MiB, length: 4 * MiB, zero: i % 2 === 1, hole: i % 2 === 1, file: i % 2 ? null : file, offset: i * 4 * MiB }));
    const expected = Buffer.concat(map.map((e) => (e.zero ? Buffer.alloc(e.length) : bytes.subarray(e.offset, e.offset + e.length))));
    const zerosHandedBack = await readAll(readGuest(map, 0, 40 * MiB - 1), (piece) => piece.every((byte) => byte === 0));
    expect(zerosHandedBack.data.equals(expected)).toBe(true);
  });

  it("closes the chain's files when its reader is dropped midway, once a read in flight has ended", async () => {
    const top = chain(path.join(testDir(), "dropped"));
    const map = (await guestMap(top, "qcow2"))!;
    const openFiles = () => readdirSync("/proc/self/fd").length;
    const before = openFiles();
    const stream = readGuest(map, 0, 8 * MiB - 1);
    await new Promise((resolve) => stream.once("readable", resolve));
    stream.destroy();
    await new Promise((resolve) => stream.once("close", resolve));
    await new Promise((resolve) => setTimeout(resolve, 50)); // a read still in flight closes them as it ends
    expect(openFiles()).toBe(before);
  });

  it("reads one volume's own data (shallow): ranges it does not hold read as zeros and are holes, a range it holds as zeros is not", async () => {
    const top = chain(path.join(testDir(), "shallow"));
    const middle = path.join(path.dirname(top), "middle.qcow2");
    const map = (await guestMap(middle, "qcow2", { shallow: true }))!;
    expect(map.filter((e) => e.file).map((e) => path.basename(e.file!))).toEqual(["middle.qcow2"]);
    const own = await read(readGuest(map, 0, 8 * MiB - 1));
    const expected = Buffer.alloc(8 * MiB);
    expected.fill(0x22, MiB, 3 * MiB);
    expect(own.equals(expected)).toBe(true);
    const at = (offset: number) => map.find((e) => e.start <= offset && offset < e.start + e.length)!;
    expect(at(0)).toMatchObject({ zero: true, hole: true }); // the raw base's data, not this volume's
    expect(at(MiB)).toMatchObject({ zero: false, hole: false });
    expect(at(5 * MiB)).toMatchObject({ zero: true, hole: false }); // zeroed here: hides the base below
    expect(at(7 * MiB)).toMatchObject({ zero: true, hole: true });
  });

  it("has no map for an image whose data is compressed", async () => {
    const dir = path.join(testDir(), "compressed");
    mkdirSync(dir, { recursive: true });
    const raw = path.join(dir, "data.raw");
    qemuImg("create", "-q", "-f", "raw", raw, String(4 * MiB));
    writePattern(raw, "raw", 0x55, 0, MiB);
    qemuImg("convert", "-c", "-f", "raw", "-O", "qcow2", raw, path.join(dir, "data.qcow2"));
    expect(await guestMap(path.join(dir, "data.qcow2"), "qcow2")).toBeNull();
  });
});
