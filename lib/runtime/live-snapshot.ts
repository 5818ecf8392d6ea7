import "server-only";
import type { QmpClient } from "./qmp-client";
import { activeNodes, blockJobs, nodeNames } from "./block-nodes";

// Disk-only snapshot of a running VM, QEMU side. The overlays exist already (made by qemu-img
// with relative backing references, like every other volume); QEMU opens each one without a
// backing and then, in one QMP transaction, puts it on top of the disk's active node: every
// disk switches at the same instant, so the snapshot is consistent across disks. The guest is
// paused around the switch so no request straddles it.

export interface LiveSnapshotDisk {
  deviceId: string;
  /** The node the device writes to now (named after the current leaf volume). */
  topNode: string;
  overlayNode: string;
  overlayFileNode: string;
  overlayPath: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Idempotent: a disk already on its overlay is left alone, an overlay already opened is reused. */
export async function switchToOverlays(client: QmpClient, disks: LiveSnapshotDisk[]) {
  const opened = await nodeNames(client);
  for (const disk of disks) {
    if (opened.has(disk.overlayNode)) continue;
    await client.execute("blockdev-add", {
      driver: "qcow2",
      "node-name": disk.overlayNode,
      file: { driver: "file", filename: disk.overlayPath, "node-name": disk.overlayFileNode },
      backing: null,
    });
  }
  const active = await activeNodes(client);
  const pending = disks.filter((d) => active.get(d.deviceId)?.node !== d.overlayNode);
  if (!pending.length) return;
  const { running } = await client.execute<{ running: boolean }>("query-status");
  if (running) await client.execute("stop");
  try {
    await client.execute("transaction", {
      // The node the device writes to now: after a live move it is not named after the volume.
      actions: pending.map((d) => ({ type: "blockdev-snapshot", data: { node: active.get(d.deviceId)?.node ?? d.topNode, overlay: d.overlayNode } })),
    });
  } finally {
    if (running) await client.execute("cont");
  }
}

/**
 * Undoes switchToOverlays on a live VM: whatever the guest wrote into an overlay is committed
 * down into the volume below (an active commit), the device goes back to that volume, and the
 * overlay is closed so its file can be removed.
 */
export async function mergeBackOverlays(client: QmpClient, disks: LiveSnapshotDisk[]) {
  const active = await activeNodes(client);
  for (const disk of disks) {
    if (active.get(disk.deviceId)?.node === disk.overlayNode) await activeCommit(client, disk.overlayNode);
  }
  // A failed job is dismissed with its error; what counts is where the devices ended up.
  const after = await activeNodes(client);
  const stuck = disks.filter((d) => after.get(d.deviceId)?.node === d.overlayNode);
  if (stuck.length) throw new Error(`could not merge ${stuck.map((d) => d.overlayPath).join(", ")} back`);
  const opened = await nodeNames(client);
  for (const disk of disks) {
    if (opened.has(disk.overlayNode)) await client.execute("blockdev-del", { "node-name": disk.overlayNode });
  }
}

async function activeCommit(client: QmpClient, topNode: string) {
  const jobId = `merge-${topNode}`;
  await client.execute("block-commit", { "job-id": jobId, device: topNode });
  let completing = false;
  for (;;) {
    const job = (await blockJobs(client)).find((j) => j.id === jobId);
    if (!job) return; // concluded and dismissed: the device is back on the lower volume
    if (job.error) throw new Error(`merging ${topNode} back failed: ${job.error}`);
    if (job.status === "ready" && !completing) {
      await client.execute("block-job-complete", { device: jobId });
      completing = true;
    }
    await sleep(20);
  }
}
