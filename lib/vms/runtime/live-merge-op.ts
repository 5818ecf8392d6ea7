import "server-only";
import path from "node:path";
import type { LiveMergeOp } from "./runtime-steps";
import { cancelStreams, frozenDropped, streamDisks, type MergeDisk } from "@/lib/runtime/live-merge";
import { isQemuAlive } from "@/lib/runtime/qemu-process";
import { imageInfo, rebaseVolume } from "@/lib/storage/driver";
import { setMetaParent } from "@/lib/storage/volume-meta";
import { vmConnection } from "./vm-connections";
import { failpoint } from "@/lib/failpoints";

// The live merge step (lib/runtime/live-merge.ts), its undo before the point of no return, and
// how to tell whether it got past that point. With QEMU gone, the same merge is done offline by
// a safe `qemu-img rebase`, which is what a cold snapshot delete does.

/** Whether the child's header still names the frozen volume (read without QEMU). */
async function stillOnFrozen(disk: MergeDisk) {
  const info = await imageInfo(disk.childPath);
  const backing = info.backingFile ? path.resolve(path.dirname(disk.childPath), info.backingFile) : null;
  return backing === path.resolve(disk.frozenPath);
}

export async function executeLiveMerge(op: LiveMergeOp, onProgress: (percent: number) => void, signal?: AbortSignal) {
  if (await isQemuAlive(op.vm.runtimePid, op.vm.qmpSocket)) {
    await streamDisks(await vmConnection(op.vm), op.disks, { speed: op.speed, onProgress, signal });
    await recordParents(op);
    await failpoint("live-merge:streamed");
    return;
  }
  for (const disk of op.disks) {
    if (!(await stillOnFrozen(disk))) continue;
    await rebaseVolume(disk.childPath, disk.belowPath && disk.belowFormat ? { path: disk.belowPath, format: disk.belowFormat } : null, true);
  }
  await recordParents(op); // also for the disks QEMU had merged before it went away
}

/** Each child's header now names the volume below; its metadata names the same parent. */
async function recordParents(op: LiveMergeOp) {
  for (const disk of op.disks) await setMetaParent(disk.childPath, disk.belowPath && path.basename(disk.belowPath));
}

/** Only before any disk's stream completed: the chain is then as it was. */
export async function undoLiveMerge(op: LiveMergeOp) {
  if (!(await isQemuAlive(op.vm.runtimePid, op.vm.qmpSocket))) return;
  await cancelStreams(await vmConnection(op.vm), op.disks);
}

/** True once some disk's frozen volume left its chain: the merge must then be finished, not undone. */
export async function liveMergeTookEffect(op: LiveMergeOp) {
  if (await isQemuAlive(op.vm.runtimePid, op.vm.qmpSocket)) {
    const client = await vmConnection(op.vm);
    for (const disk of op.disks) if (await frozenDropped(client, disk)) return true;
    return false;
  }
  for (const disk of op.disks) if (!(await stillOnFrozen(disk))) return true;
  return false;
}
