import "server-only";
import path from "node:path";
import type { QmpClient } from "./qmp-client";
import { blockJobs, closeNodes, unusedFileNodes } from "./block-nodes";

// Live merge, QEMU side: deleting a snapshot of a running VM folds the volume it froze into the
// volume above it with `block-stream` (what a cold delete does with a safe `qemu-img rebase`):
// the volume above copies in what it read through the frozen one, then QEMU drops the frozen
// volume from the chain and writes the new backing reference (relative, like every other) into
// the header. Until the stream completes nothing is lost by cancelling it (the copied data is
// what the volume read anyway, the header is unchanged); once it completes there is no way back,
// so the job rolls forward from there (lib/jobs/point-of-no-return.ts).

export interface MergeDisk {
  deviceId: string;
  alias: string;
  /** The volume above the frozen one: it takes the data. */
  childPath: string;
  frozenPath: string;
  /** The volume below the frozen one (an older snapshot's, or the template's), or none. */
  belowPath: string | null;
  belowFormat: "qcow2" | "raw" | null;
  /** How the child's header names `belowPath` afterwards. */
  backingRef: string | null;
}

interface NamedNode {
  "node-name": string;
  drv: string;
  file: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The image file behind a filename QEMU reports: a node whose backing differs from its header reads "json:{…}". */
function imageFile(filename: string) {
  if (!filename.startsWith("json:")) return filename;
  const spec = JSON.parse(filename.slice(5)) as { file?: string | { filename?: string } };
  return typeof spec.file === "string" ? spec.file : (spec.file?.filename ?? filename);
}

interface ImageInfo {
  filename: string;
  "backing-image"?: ImageInfo;
}

/** The files of a device's chain, top first, as QEMU reads them now. */
export async function chainFiles(client: QmpClient, deviceId: string) {
  const blocks = await client.execute<{ qdev?: string; inserted?: { image: ImageInfo } }[]>("query-block");
  const block = blocks.find((b) => b.qdev === deviceId || b.qdev?.startsWith(`/machine/peripheral/${deviceId}/`));
  const files: string[] = [];
  for (let image = block?.inserted?.image; image; image = image["backing-image"]) files.push(path.resolve(imageFile(image.filename)));
  return files;
}

/** Format nodes by image file: QEMU names nodes it opened from backing references itself. */
export async function formatNodes(client: QmpClient) {
  const nodes = await client.execute<NamedNode[]>("query-named-block-nodes");
  // Backing files opened through a relative reference read ".../<image>/../<other>/<volume>".
  return new Map(nodes.filter((n) => n.drv !== "file").map((n) => [path.resolve(imageFile(n.file)), n["node-name"]]));
}

export function mergeJobId(disk: MergeDisk) {
  return `merge-${path.basename(disk.frozenPath).replace(/[^A-Za-z0-9]/g, "").slice(0, 24)}`;
}

/** True once the frozen volume is no longer in the disk's chain: the stream completed. */
export async function frozenDropped(client: QmpClient, disk: MergeDisk) {
  return !(await chainFiles(client, disk.deviceId)).includes(path.resolve(disk.frozenPath));
}

/** A volume the portal opened itself (at launch, or a live snapshot's) stays open once out of its chain: close it. */
export async function closeDroppedVolume(client: QmpClient, file: string) {
  const node = (await formatNodes(client)).get(path.resolve(file));
  if (!node) return;
  await client.execute("blockdev-del", { "node-name": node }).catch(() => undefined); // one QEMU opened itself goes with the chain
  await closeNodes(client, await unusedFileNodes(client, file));
}

/** Streams every disk's frozen volume into the one above it, side by side. Idempotent. */
export async function streamDisks(client: QmpClient, disks: MergeDisk[], options: { speed: number; onProgress: (percent: number) => void; signal?: AbortSignal }) {
  const { onProgress, signal } = options;
  const ids: string[] = [];
  const nodes = await formatNodes(client);
  for (const disk of disks) {
    const id = mergeJobId(disk);
    const existing = (await blockJobs(client)).find((job) => job.id === id);
    if (existing?.status === "concluded") await client.execute("job-dismiss", { id });
    else if (existing) {
      ids.push(id); // still running from an earlier try
      continue;
    }
    if (await frozenDropped(client, disk)) continue;
    const child = nodes.get(path.resolve(disk.childPath));
    if (!child) throw new Error(`QEMU has no volume ${disk.childPath} open for disk ${disk.alias}`);
    const below = disk.belowPath ? nodes.get(path.resolve(disk.belowPath)) : undefined;
    if (disk.belowPath && !below) throw new Error(`QEMU has no volume ${disk.belowPath} open for disk ${disk.alias}`);
    await client.execute("block-stream", {
      "job-id": id,
      device: child,
      ...(below ? { "base-node": below, "backing-file": disk.backingRef } : {}),
      "auto-dismiss": false,
      ...(options.speed > 0 ? { speed: options.speed } : {}),
    });
    ids.push(id);
  }
  for (;;) {
    const jobs = (await blockJobs(client)).filter((job) => ids.includes(job.id));
    const total = jobs.reduce((sum, job) => sum + job["total-progress"], 0);
    if (total > 0) onProgress(Math.min((jobs.reduce((sum, job) => sum + job["current-progress"], 0) / total) * 100, 99));
    const failed = jobs.find((job) => job.error);
    if (failed) throw new Error(`merging failed: ${failed.error}`);
    if (jobs.every((job) => job.status === "concluded")) break;
    // Before completion a cancel loses nothing; past it the job rolls forward anyway.
    if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error("cancelled");
    await sleep(50);
  }
  for (const id of ids) await client.execute("job-dismiss", { id }).catch(() => undefined);
  for (const disk of disks) {
    if (!(await frozenDropped(client, disk))) throw new Error(`the snapshot volume of disk ${disk.alias} is still in its chain`);
  }
  await flushAll(client);
  for (const disk of disks) await closeDroppedVolume(client, disk.frozenPath);
}

/**
 * The stream's cluster mappings may sit in QEMU's qcow2 cache: before the snapshot volume is
 * removed they must be in the file, or a QEMU killed later would read holes. QMP has no flush
 * command, but stopping the VM flushes every drive: the guest pauses for that instant.
 */
export async function flushAll(client: QmpClient) {
  const { running } = await client.execute<{ running: boolean }>("query-status");
  if (!running) return; // stopped already, and flushed when it stopped
  await client.execute("stop");
  await client.execute("cont");
}

/** Stops a stream that has not completed; the chain stays as it was. */
export async function cancelStreams(client: QmpClient, disks: MergeDisk[]) {
  const ids = disks.map(mergeJobId);
  const ours = (await blockJobs(client)).filter((job) => ids.includes(job.id));
  for (const job of ours) if (job.status !== "concluded") await client.execute("block-job-cancel", { device: job.id, force: true }).catch(() => undefined);
  for (;;) {
    const left = (await blockJobs(client)).filter((job) => ids.includes(job.id) && job.status !== "concluded");
    if (!left.length) break;
    await sleep(50);
  }
  for (const job of ours) await client.execute("job-dismiss", { id: job.id }).catch(() => undefined);
}
