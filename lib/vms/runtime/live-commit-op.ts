import "server-only";
import path from "node:path";
import { access, readFile } from "node:fs/promises";
import type { LiveCommitOp } from "./runtime-steps";
import { commitDisks, type CommitDisk } from "@/lib/runtime/live-commit";
import { isQemuAlive } from "@/lib/runtime/qemu-process";
import { flushFiles, mergeIntoBase, mergeMarkerOf, rebaseVolume, writeFileAtomic } from "@/lib/storage/driver";
import { setMetaParent } from "@/lib/storage/volume-meta";
import { vmConnection } from "./vm-connections";

// The live merge into a raw base (lib/runtime/live-commit.ts) as a job step. Its mark (the one a
// cold merge down leaves) goes down before QEMU writes the base: from then on the job is finished,
// never undone. With QEMU gone it is finished offline, as the cold merge down does, unless the mark
// says the device had moved onto the base: the guest may have written there since, and the volume
// above holds nothing newer.

const PIVOTED = "pivoted\n";

async function mark(disk: CommitDisk, content: string) {
  await writeFileAtomic(mergeMarkerOf(disk.basePath), content);
  await flushFiles([mergeMarkerOf(disk.basePath)]);
}

async function pivoted(disk: CommitDisk) {
  return (await readFile(mergeMarkerOf(disk.basePath), "utf8").catch(() => "")) === PIVOTED;
}

export async function executeLiveCommit(op: LiveCommitOp, onProgress: (percent: number) => void) {
  if (await isQemuAlive(op.vm.runtimePid, op.vm.qmpSocket)) {
    for (const disk of op.disks) if (!(await liveCommitBegun(disk))) await mark(disk, `${path.basename(disk.topPath)}\n`);
    await commitDisks(await vmConnection(op.vm), op.disks, {
      speed: op.speed,
      guestRan: op.guestRan,
      onProgress,
      onPivoted: async (disks) => {
        for (const disk of disks) await mark(disk, PIVOTED);
      },
    });
  } else {
    for (const disk of op.disks) {
      if (!(await pivoted(disk))) await mergeIntoBase(disk.topPath, disk.basePath);
      if (disk.abovePath) await rebaseVolume(disk.abovePath, { path: disk.basePath, format: "raw" }, false);
    }
  }
  for (const disk of op.disks) if (disk.abovePath) await setMetaParent(disk.abovePath, path.basename(disk.basePath));
}

function liveCommitBegun(disk: CommitDisk) {
  return access(mergeMarkerOf(disk.basePath)).then(
    () => true,
    () => false,
  );
}

/** True once any disk's mark is down: its base may hold part of the data above it. */
export async function liveCommitTookEffect(op: LiveCommitOp) {
  for (const disk of op.disks) if (await liveCommitBegun(disk)) return true;
  return false;
}
