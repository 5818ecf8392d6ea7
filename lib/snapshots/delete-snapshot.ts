import "server-only";
import type { Actor } from "@/lib/actor";
import { parseInput } from "@/lib/schemas/parse";
import { snapshotRefSchema, type SnapshotRefInput } from "@/lib/schemas/snapshot";
import { createJob } from "@/lib/jobs/create-job";
import { snapshotContext } from "./snapshot-context";
import { env } from "@/lib/env";
import { MiB } from "@/lib/schemas/common";
import type { MergeDisk } from "@/lib/runtime/live-merge";
import type { CommitDisk } from "@/lib/runtime/live-commit";
import { diskDeviceId } from "@/lib/runtime/qemu-command";
import { relativeTo } from "@/lib/storage/layout";
import { mergeMarkerOf } from "@/lib/storage/driver";
import type { StorageOp } from "@/lib/storage/storage-steps";
import type { ChainVolume } from "@/lib/disks/chain";
import type { JobPlan } from "@/lib/jobs/plan";

const ACTION = "remove Snapshot";

/**
 * Deletes a snapshot: the volume it froze is folded into its child by a safe rebase (the
 * child takes the data it read through that volume), then removed. The snapshot's own volume
 * is never written, so an interrupted delete leaves the snapshot whole. The raw base of a raw
 * disk is the exception (mergeIntoRawBase): the child is merged down into it, so the disk stays
 * raw and keeps its allocation, as in the engine's merges (on a running VM QEMU commits it,
 * lib/runtime/live-commit.ts). On a running VM the other disks QEMU has open are merged live
 * (QEMU's block-stream, lib/runtime/live-merge.ts): once QEMU completes a stream the delete
 * cannot be undone, and the job finishes even after a crash.
 */
export async function deleteSnapshot(input: SnapshotRefInput, actor: Actor) {
  const data = parseInput(snapshotRefSchema, input);
  const { vm, attachments, snapshot, disks, chains, plan } = await snapshotContext(actor, data.vmId, ACTION, data.snapshotId, { allowRunning: true });
  const live = vm.status === "up";
  const merges: MergeDisk[] = [];
  let mergeBytes = 0;
  const mergeDowns: StorageOp[] = [];
  const commits: CommitDisk[] = [];
  let commitBytes = 0;
  for (const disk of disks) {
    const chain = chains.get(disk.id)!;
    const index = chain.volumes.findIndex((v) => v.snapshotId === snapshot!.id);
    if (index < 0) continue; // disk added after the snapshot
    const frozen = chain.volumes[index];
    const child = chain.volumes[index + 1];
    const below = index > 0 ? chain.volumes[index - 1] : chain.templateBase;
    const isLive = live && attachments.some((a) => a.diskId === disk.id && a.active);
    if (index === 0 && !below && frozen.format === "raw") {
      const ops = mergeIntoRawBase(plan, disk.alias, chain.volumes);
      if (isLive) {
        commits.push(liveCommitOf(disk.id, disk.alias, chain.volumes));
        commitBytes += child.actualSize;
      } else mergeDowns.push(...ops);
      continue;
    }
    if (isLive) {
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
  // After every step that can still be undone, like a live merge.
  if (commits.length) {
    plan.ops.push({ kind: "live-commit", label: `Merge the snapshot into the raw bases of running VM ${vm.name}`, vm: { id: vm.id, name: vm.name, runtimePid: vm.runtimePid, qmpSocket: vm.qmpSocket }, guestRan: true, disks: commits, speed: env.LIVE_MIRROR_MAX_MIBPS * MiB, weightBytes: commitBytes });
  }
  plan.ops.push(...mergeDowns);
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

/** The same merge on a running VM, done by QEMU (lib/runtime/live-commit.ts): the disk stays raw, as in the engine's live merge. */
function liveCommitOf(diskId: string, alias: string, volumes: ChainVolume[]): CommitDisk {
  const [base, top, above] = volumes;
  return {
    deviceId: diskDeviceId(diskId),
    alias,
    topPath: top.path,
    basePath: base.path,
    abovePath: above?.path ?? null,
    backingRef: above ? relativeTo(above.path, base.path) : null,
  };
}

/**
 * The steps and database changes that merge the volume above a raw disk's base down into it: the
 * base keeps its place (and the disk its format and allocation) and takes the child's role (its
 * snapshot, or the active layer); the volume above the child, if any, is relinked onto it. Once
 * the merge has begun the job can only be finished (merge-down's mark), as the engine's cold
 * merge leaves a snapshot it could not finish to be removed again.
 */
function mergeIntoRawBase(plan: JobPlan, alias: string, volumes: ChainVolume[]): StorageOp[] {
  const [base, child, above] = volumes;
  const ops: StorageOp[] = [{ kind: "merge-down", label: `Merge snapshot data of disk ${alias} into its raw base`, path: child.path, base: { path: base.path, format: base.format }, weightBytes: child.actualSize }];
  plan.commit.deleteVolumes.push(child.id);
  plan.commit.updateVolumes.push({ id: base.id, leaf: child.leaf, snapshotId: child.snapshotId });
  plan.commit.refreshVolumes.push({ id: base.id, path: base.path });
  if (above) {
    ops.push({
      kind: "rebase",
      label: `Relink disk ${alias} onto its raw base`,
      path: above.path,
      backing: { path: base.path, format: base.format },
      undoBacking: { path: child.path, format: child.format },
      copyData: false,
      weightBytes: 0,
    });
    plan.commit.updateVolumes.push({ id: above.id, parentId: base.id });
  }
  plan.removeAfterCommit.push(child.path, mergeMarkerOf(base.path));
  return ops;
}
