import "server-only";
import type { FileHandle } from "node:fs/promises";

// Writes a stream of small pieces (the network's 64 KiB) to a file in large blocks, several in
// flight: each block one writev of the pieces themselves, cut at the block's edge, so the data is
// never copied in JavaScript and every write into a raw view is one aligned request to its daemon.
// Measured here, 1 GiB over the local socket into a qcow2 view: 1.12 s copied into reused 1 MiB
// blocks, 0.89-1.02 s gathered (into a RAM file 1.12 s and 0.97-1.09 s); a fresh buffer per block
// was slower still (2.2-2.7 s into a view), a page fault for every 4 KiB of it.

export class BlockWriter {
  private pieces: Uint8Array[] = [];
  private filled = 0;
  private position: number;
  private readonly inFlight: Promise<void>[] = [];

  constructor(
    private readonly file: FileHandle,
    start: number,
    private readonly blockBytes: number,
    private readonly maxInFlight: number,
  ) {
    this.position = start;
  }

  /**
   * Takes a piece, kept by reference until written: the caller must not change it afterwards
   * (a request body's pieces are fresh buffers). Resolves once the writes in flight are within bounds.
   */
  async add(piece: Uint8Array) {
    let at = 0;
    while (at < piece.length) {
      const taken = Math.min(piece.length - at, this.blockBytes - this.filled);
      this.pieces.push(taken === piece.length ? piece : piece.subarray(at, at + taken));
      this.filled += taken;
      at += taken;
      if (this.filled === this.blockBytes) await this.submit();
    }
  }

  /** Writes what is left and waits for every write. */
  async end() {
    if (this.filled) await this.submit();
    await Promise.all(this.inFlight.splice(0));
  }

  /** Waits for the writes in flight, whatever they do (before the file is closed after a failure). */
  async settle() {
    await Promise.allSettled(this.inFlight.splice(0));
  }

  private async submit() {
    const [pieces, position] = [this.pieces, this.position];
    this.position += this.filled;
    this.pieces = [];
    this.filled = 0;
    const written = this.writeAll(pieces, position);
    written.catch(() => undefined); // awaited below or in end/settle
    this.inFlight.push(written);
    if (this.inFlight.length >= this.maxInFlight) await this.inFlight.shift();
  }

  private async writeAll(pieces: Uint8Array[], position: number) {
    let rest = pieces;
    while (rest.length) {
      const { bytesWritten } = await this.file.writev(rest, position);
      if (!bytesWritten) throw new Error("the file took none of the data written");
      position += bytesWritten;
      rest = after(rest, bytesWritten);
    }
  }
}

/** The pieces left once `bytes` of them were written (a short write). */
function after(pieces: Uint8Array[], bytes: number) {
  let index = 0;
  while (index < pieces.length && bytes >= pieces[index].length) bytes -= pieces[index++].length;
  const rest = pieces.slice(index);
  if (bytes && rest.length) rest[0] = rest[0].subarray(bytes);
  return rest;
}
