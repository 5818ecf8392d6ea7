import "server-only";
import { execFile } from "node:child_process";
import { open, statfs } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { mapImage, type Extent, type ImageFormat } from "@/lib/storage/qemu-img";
import { verifyDomainOfFile } from "@/lib/storage/domain-identity";
import { imageBehindView } from "@/lib/storage/raw-view";
import { guestExtents, guestMap, readGuest, wholeFile, type GuestExtent } from "@/lib/storage/guest-data";
import { allocatesScratch, type TransferFormat } from "./transfer-steps";
import { BlockWriter } from "./block-writer";
import { wakeTransfer } from "./transfer-wakeup";

// The data side of a transfer, by ticket: what imageio's daemon does for one image. Only a
// transfer whose job is waiting for data (phase transferring) is open; writes stay inside the
// size the transfer allows and never take the domain below its critical free space.

const execFileAsync = promisify(execFile);

/** How much of a PUT is being written to the disk at once, in blocks of BLOCK_BYTES. */
const WRITE_BYTES = 4 << 20;
/**
 * The network delivers a body in 64 KiB pieces; they are written in blocks of this size. Each
 * write into a raw view is a round trip through its daemon: measured on a qcow2 view, 1 GiB in
 * 64 KiB writes took 3.7 s, in 1 MiB writes 1.4 s.
 */
const BLOCK_BYTES = 1 << 20;
/** How often a long PUT records its progress and starts writeback of what it wrote. */
const REPORT_BYTES = 64 << 20;

interface OpenTransfer {
  id: string;
  path: string;
  size: number;
  direction: string;
  format: string;
  criticalBytes: number;
  /** Guest data for a preallocated raw disk, into a file allocated up front: zeros keep their blocks, and writes take no new space. */
  allocated: boolean;
  /** The image an upload's raw view writes into; null when the served file is the image itself. */
  viewOf: string | null;
  /** A download read from the files of the chain at `path` (of that volume alone when shallow) by its map, instead of the file's own bytes. */
  guest: GuestExtent[] | null;
  /** A download of one volume's own data (oVirt's shallow). */
  shallow: boolean;
}

/** Maps of the chains open for download, made once per transfer in each instance (their disks are locked meanwhile). */
const guestMaps = new Map<string, Promise<GuestExtent[]>>();
const KEPT_MAPS = 16;

function chainMapOf(transferId: string, top: string, shallow: boolean) {
  const key = `${transferId}:${top}`;
  let map = guestMaps.get(key);
  if (!map) {
    map = guestMap(top, "qcow2", { shallow }).then((found) => found ?? Promise.reject(new Error(`${top} can no longer be read by its map`)));
    map.catch(() => guestMaps.delete(key));
    guestMaps.set(key, map);
    if (guestMaps.size > KEPT_MAPS) guestMaps.delete(guestMaps.keys().next().value!);
  }
  return map;
}

/** The open transfer a ticket names; imageio answers 403 for an unknown or closed ticket. */
export async function openTicket(ticket: string, direction: "upload" | "download" | "any"): Promise<OpenTransfer> {
  const row = await db.imageTransfer.findUnique({ where: { ticket } });
  const job = row && (await db.job.findUnique({ where: { id: row.jobId }, select: { status: true } }));
  if (!row?.imagePath || row.phase !== "transferring" || !job || (job.status !== "running" && job.status !== "pending")) {
    throw new AppError("FORBIDDEN", "No such ticket, or the transfer is not open for data.");
  }
  if (direction !== "any" && row.direction !== direction) {
    throw new AppError("FORBIDDEN", `This ticket is for ${row.direction === "upload" ? "writing" : "reading"} only.`);
  }
  await verifyDomainOfFile(row.imagePath);
  const volume = await db.volume.findFirst({
    where: { diskId: row.diskId },
    select: { storageDomain: { select: { criticalSpaceGb: true } }, disk: { select: { format: true, allocation: true } } },
  });
  const allocated =
    row.direction === "upload" &&
    !!volume &&
    allocatesScratch({ transferFormat: row.format as TransferFormat, format: volume.disk.format as ImageFormat, preallocated: volume.disk.allocation === "preallocated" });
  return {
    id: row.id,
    path: row.imagePath,
    size: Number(row.imageSize),
    direction: row.direction,
    format: row.format,
    criticalBytes: (volume?.storageDomain.criticalSpaceGb ?? 0) * 1024 ** 3,
    allocated,
    viewOf: row.direction === "upload" ? await imageBehindView(row.imagePath) : null,
    guest: row.readsChainMap ? await chainMapOf(row.id, row.imagePath, row.shallow) : null,
    shallow: row.shallow,
  };
}

/** What the client wrote, on stable storage; a view's daemon only writes it out to the image file, which is synced after it. */
async function syncWritten(transfer: OpenTransfer) {
  for (const file of [transfer.path, transfer.viewOf]) {
    if (!file) continue;
    const handle = await open(file, "r");
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }
}

async function touch(transferId: string, bytes: number) {
  await db.imageTransfer.update({ where: { id: transferId }, data: { transferred: { increment: BigInt(bytes) }, lastActivityAt: new Date() } });
}

function requireInside(transfer: OpenTransfer, offset: number, length: number) {
  if (offset < 0 || length < 0 || offset + length > transfer.size) {
    throw new AppError("RANGE", `Range ${offset}-${offset + length} is outside the image (${transfer.size} bytes).`);
  }
}

async function requireSpace(transfer: OpenTransfer, length: number) {
  // The domain's free space: the served file may be a raw view, a filesystem of its own.
  const stats = await statfs(path.dirname(transfer.path));
  if (stats.bavail * stats.bsize - length < transfer.criticalBytes) {
    throw new AppError("INSUFFICIENT_SPACE", "Writing this would take the storage domain below its critical free space.");
  }
}

/**
 * Writes a request body at `offset` (imageio's PUT with Content-Range). A block writer keeps
 * several megabytes in flight, so the disk writes overlap the network reads (measured: twice as
 * fast as awaiting each write). One PUT may carry a whole image (Ansible's ovirt_disk sends one):
 * its progress, which is also the transfer's activity, is recorded as it goes, so a long upload is
 * never taken for an idle one; and every REPORT_BYTES the data written so far is handed to the
 * disk (fdatasync in the background), so the flush at the end waits for little.
 */
export async function writeAt(transfer: OpenTransfer, offset: number, length: number, body: AsyncIterable<Uint8Array>, flush: boolean) {
  requireInside(transfer, offset, length);
  if (!transfer.allocated) await requireSpace(transfer, length);
  const handle = await open(transfer.path, "r+");
  const out = new BlockWriter(handle, offset, BLOCK_BYTES, WRITE_BYTES / BLOCK_BYTES);
  let written = 0;
  let reported = 0;
  let progress: Promise<unknown> = Promise.resolve();
  let writeback: Promise<unknown> | null = null;
  const report = () => {
    const bytes = Math.min(written, length) - reported;
    reported += bytes;
    progress = progress.then(() => touch(transfer.id, bytes)).catch(() => undefined);
  };
  try {
    for await (const chunk of body) {
      written += chunk.length;
      if (written > length) throw new AppError("VALIDATION", `The body is longer than the ${length} bytes announced.`);
      if (written - reported >= REPORT_BYTES) {
        report();
        writeback ??= syncWritten(transfer)
          .catch(() => undefined)
          .finally(() => {
            writeback = null;
          });
      }
      await out.add(chunk);
    }
    await out.end();
    if (written !== length) throw new AppError("VALIDATION", `The body ended after ${written} of ${length} bytes.`);
    if (flush) await syncWritten(transfer);
  } finally {
    await out.settle();
    await handle.close();
    if (written > reported) report();
    await progress;
    await writeback;
  }
}

/**
 * Makes a range read as zeros without writing them (imageio's PATCH zero): the blocks are freed,
 * or, in a file allocated up front, kept and marked as reading zeros (imageio's file backend does
 * the same for a preallocated disk). Where the filesystem cannot keep them, they are freed: the
 * file is then converted at finalize rather than renamed.
 */
export async function zeroRange(transfer: OpenTransfer, offset: number, size: number, flush: boolean) {
  requireInside(transfer, offset, size);
  const handle = await open(transfer.path, "r+");
  try {
    // An image file's bytes grow with the upload; a zeroed tail still belongs to it. Grown by
    // writing its last byte, not by truncate: a write on another connection may have grown it
    // further meanwhile, and a truncate would cut that off (the hole punched next frees the byte).
    if (size && (await handle.stat()).size < offset + size) await handle.write(Buffer.alloc(1), 0, 1, offset + size - 1);
    if (size) {
      const range = ["--offset", String(offset), "--length", String(size), transfer.path];
      const kept = transfer.allocated && (await execFileAsync("fallocate", ["--zero-range", "--keep-size", ...range]).then(() => true, () => false));
      if (!kept) await execFileAsync("fallocate", ["--punch-hole", "--keep-size", ...range]);
    }
  } finally {
    await handle.close();
  }
  if (flush) await syncWritten(transfer);
  await touch(transfer.id, size);
}

export async function flushImage(transfer: OpenTransfer) {
  await syncWritten(transfer);
  await touch(transfer.id, 0);
}

/** A byte range of the served file, streamed; `transferred` counts it once sent. `onEnd` runs once all of it was read. */
export function readRange(transfer: OpenTransfer, start: number, end: number, onEnd?: () => Promise<void>) {
  requireInside(transfer, start, end - start + 1);
  const stream = readGuest(transfer.guest ?? wholeFile(transfer.path, transfer.size), start, end);
  let sent = 0;
  stream.on("data", (chunk: Buffer) => (sent += chunk.length));
  stream.on("close", () => void touch(transfer.id, sent).catch(() => undefined));
  if (onEnd) stream.on("end", () => void onEnd().catch((error) => console.error(`transfer ${transfer.id}: finalizing after the download`, error)));
  return stream;
}

/**
 * A browser download (one GET of the whole file) cannot call finalize: the transfer finalizes
 * itself once the file was read to its end. Its job may still be preparing the file (a chain
 * collapsed first): the request waits for it.
 */
export async function openForBrowserDownload(ticket: string) {
  for (let waited = 0; waited < 600_000; waited += 250) {
    const row = await db.imageTransfer.findUnique({ where: { ticket }, select: { phase: true } });
    if (row?.phase !== "initializing") break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const transfer = await openTicket(ticket, "download");
  const finalize = async () => {
    await db.imageTransfer.updateMany({ where: { id: transfer.id, phase: "transferring" }, data: { phase: "finalizing_success" } });
    wakeTransfer(transfer.id);
  };
  return { transfer, finalize };
}

/** imageio's extents (context=zero) of the served bytes: which ranges hold data and which read as zeros. */
export async function imageExtents(transfer: OpenTransfer): Promise<Extent[]> {
  // A download's view: its image says which ranges are holes (a shallow one's zeros that hide its
  // backing are none). An upload's image is being written by its daemon: its view is asked instead.
  const viewed = !transfer.guest && transfer.direction === "download" ? await imageBehindView(transfer.path) : null;
  const ranges = transfer.guest ?? (viewed ? await guestExtents(viewed, "qcow2", { shallow: transfer.shallow }) : null);
  if (!ranges) return mapImage(transfer.path, "raw");
  // The map splits ranges by file and offset; a client reads each extent apart, so alike neighbours are joined.
  const extents: Extent[] = [];
  for (const { start, length, zero, hole } of ranges) {
    const last = extents.at(-1);
    if (last && last.zero === zero && last.hole === hole) last.length += length;
    else extents.push({ start, length, zero, hole });
  }
  return extents;
}
