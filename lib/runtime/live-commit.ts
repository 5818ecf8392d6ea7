import "server-only";
import path from "node:path";
import type { QmpClient } from "./qmp-client";
import { activeNodes, blockJobs } from "./block-nodes";
import { chainFiles, closeDroppedVolume, flushAll, formatNodes } from "./live-merge";

// Live merge into a raw base, QEMU side: deleting the snapshot that froze a raw disk's base, on a
// running VM, commits the volume above the base down into it with `block-commit`, as the engine's
// live merge does, so the disk stays raw (a stream would fold the base into a qcow2 volume). The
// base is written from the first block on: there is no way back, the job only rolls forward. When
// the volume above the base is the active one, the device moves onto the base once the commit is
// in step (the pivot), with the guest paused for that instant: whoever finishes the merge after a
// crash must know whether the guest may have written into the base since (onPivoted).

export interface CommitDisk {
  deviceId: string;
  alias: string;
  /** The volume whose data goes down: the one above the raw base. */
  topPath: string;
  /** The disk's raw base, which takes the data and stays. */
  basePath: string;
  /** The volume above `topPath`; null when `topPath` is the active volume. */
  abovePath: string | null;
  /** How the header of `abovePath` names the base afterwards. */
  backingRef: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function commitJobId(disk: CommitDisk) {
  return `commit-${path.basename(disk.topPath).replace(/[^A-Za-z0-9]/g, "").slice(0, 24)}`;
}

/** True once the volume above the base is out of the disk's chain: the commit (and its pivot) completed. */
export async function topDropped(client: QmpClient, disk: CommitDisk) {
  return !(await chainFiles(client, disk.deviceId)).includes(path.resolve(disk.topPath));
}

async function startCommit(client: QmpClient, disk: CommitDisk, speed: number) {
  const nodes = await formatNodes(client);
  const top = nodes.get(path.resolve(disk.topPath));
  const base = nodes.get(path.resolve(disk.basePath));
  const root = (await activeNodes(client)).get(disk.deviceId)?.node;
  if (!top || !base || !root) throw new Error(`QEMU does not have the chain of disk ${disk.alias} open as expected`);
  await client.execute("block-commit", {
    "job-id": commitJobId(disk),
    device: root,
    "top-node": top,
    "base-node": base,
    ...(disk.abovePath ? { "backing-file": disk.backingRef } : {}),
    "auto-dismiss": false,
    ...(speed > 0 ? { speed } : {}),
  });
}

/**
 * Commits every disk's volume into its raw base, side by side; active commits are completed
 * together with the guest paused, then `onPivoted` runs before it goes on (`guestRan`: it ran
 * when the job was planned, so a pause an interrupted try left is ended). Idempotent: a commit
 * still running from an earlier try is waited for, a disk already merged is skipped.
 */
export async function commitDisks(
  client: QmpClient,
  disks: CommitDisk[],
  options: { speed: number; guestRan: boolean; onProgress: (percent: number) => void; onPivoted: (disks: CommitDisk[]) => Promise<void> },
) {
  const ids: string[] = [];
  for (const disk of disks) {
    const id = commitJobId(disk);
    const existing = (await blockJobs(client)).find((job) => job.id === id);
    if (existing?.status === "concluded") await client.execute("job-dismiss", { id });
    else if (existing) {
      ids.push(id);
      continue;
    }
    if (await topDropped(client, disk)) continue;
    await startCommit(client, disk, options.speed);
    ids.push(id);
  }
  await waitFor(client, ids, ["ready", "concluded"], options.onProgress);
  const ready = (await blockJobs(client)).filter((job) => ids.includes(job.id) && job.status === "ready");
  if (ready.length) {
    const { running } = await client.execute<{ running: boolean }>("query-status");
    if (running) await client.execute("stop");
    try {
      for (const job of ready) await client.execute("block-job-complete", { device: job.id });
      await waitFor(client, ready.map((job) => job.id), ["concluded"], () => undefined);
      await options.onPivoted(disks.filter((disk) => ready.some((job) => job.id === commitJobId(disk))));
    } finally {
      if (running) await client.execute("cont");
    }
  }
  for (const id of ids) await client.execute("job-dismiss", { id }).catch(() => undefined);
  for (const disk of disks) {
    if (!(await topDropped(client, disk))) throw new Error(`the volume above the raw base of disk ${disk.alias} is still in its chain`);
  }
  // Also the pivots an earlier try completed without recording them.
  await options.onPivoted(disks.filter((disk) => !disk.abovePath));
  await flushAll(client);
  for (const disk of disks) await closeDroppedVolume(client, disk.topPath);
  // A crash while the guest was paused for the pivot leaves it paused: it ran before.
  if (options.guestRan && !(await client.execute<{ running: boolean }>("query-status")).running) await client.execute("cont");
}

async function waitFor(client: QmpClient, ids: string[], statuses: string[], onProgress: (percent: number) => void) {
  for (;;) {
    const jobs = (await blockJobs(client)).filter((job) => ids.includes(job.id));
    const failed = jobs.find((job) => job.error);
    if (failed) throw new Error(`merging into the raw base failed: ${failed.error}`);
    const total = jobs.reduce((sum, job) => sum + job["total-progress"], 0);
    if (total > 0) onProgress(Math.min((jobs.reduce((sum, job) => sum + job["current-progress"], 0) / total) * 100, 99));
    if (jobs.every((job) => statuses.includes(job.status))) return;
    await sleep(20);
  }
}
