import "server-only";
import type { Actor } from "@/lib/actor";
import { parseInput } from "@/lib/schemas/parse";
import { snapshotRefSchema, type SnapshotRefInput } from "@/lib/schemas/snapshot";
import { createJob } from "@/lib/jobs/create-job";
import { snapshotContext } from "./snapshot-context";
import { env } from "@/lib/env";
import { MiB } from "@/lib/schemas/common";
import type { MergeDisk } from "@/lib/runtime/live-merge";
import { diskDeviceId } from "@/lib/runtime/qemu-command";
import { relativeTo } from "@/lib/storage/layout";

const ACTION = "remove Snapshot";

/**
 * Deletes a snapshot: the volume it froze is folded into its child by a safe rebase (the
 * child takes the data it read through that volume), then removed. The snapshot's own volume
 * is never written, so an interrupted delete leaves the snapshot whole. On a running VM the disks
 * QEMU has open are merged live (QEMU's block-stream, lib/runtime/live-merge.ts): once QEMU
 * completes a stream the delete cannot be undone, and the job finishes even after a crash.
 */
export async function deleteSnapshot(input: SnapshotRefInput, actor: Actor) {
  const data = parseInput(snapshotRefSchema, input);
  const { vm, attachments, snapshot, disks, chains, plan } = await snapshotContext(actor, data.vmId, ACTION, data.snapshotId, { allowRunning: true });
  const live = vm.status === "up";
  const merges: MergeDisk[] = [];
  let mergeBytes = 0;
  for (const disk of disks) {
    const chain = chains.get(disk.id)!;
    const index = chain.volumes.findIndex((v) => v.snapshotId === snapshot!.id);
    if (index < 0) continue; // disk added after the snapshot
    const frozen = chain.volumes[index];
    const child = chain.volumes[index + 1];
    const below = index > 0 ? chain.volumes[index - 1] : chain.templateBase;
    if (live && attachments.some((a) => a.diskId === disk.id && a.active)) {
      merges.push({
        deviceId: diskDeviceId(disk.id),
        alias: disk.alias,
        childPath: child.path,
        frozenPath: frozen.path,
        belowPath: below?.path ?? null,
        belowFormat: below?.format ?? null,
        backingRef: below ? relativeTo(child.path, below.path) : null,
      });
      mergeBytes += frozen.actualSize;
    } else plan.ops.push({
      kind: "rebase",
      label: `Merge snapshot data of disk ${disk.alias}`,
      path: child.path,
      backing: below ? { path: below.path, format: below.format } : null,
      undoBacking: { path: frozen.path, format: frozen.format },
      copyData: true,
      weightBytes: frozen.actualSize,
    });
    plan.commit.deleteVolumes.push(frozen.id);
    plan.commit.updateVolumes.push({ id: child.id, parentId: frozen.parentId });
    plan.commit.refreshVolumes.push({ id: child.id, path: child.path });
    plan.removeAfterCommit.push(frozen.path);
  }
  // Last: every step before it can still be undone.
  if (merges.length) {
    plan.ops.push({ kind: "live-merge", label: `Merge the snapshot into the disks of running VM ${vm.name}`, vm: { id: vm.id, name: vm.name, runtimePid: vm.runtimePid, qmpSocket: vm.qmpSocket }, disks: merges, speed: env.LIVE_MIRROR_MAX_MIBPS * MiB, weightBytes: mergeBytes });
  }
  plan.commit.deleteSnapshots.push(snapshot!.id);
  const job = await createJob({
    type: "remove_snapshot",
    description: `Removing snapshot '${snapshot!.description}' of ${live ? "running " : ""}VM ${vm.name}`,
    actor,
    correlationId: data.correlationId,
    plan,
    objectType: "vm",
    objectId: vm.id,
  });
  return { job };
}
