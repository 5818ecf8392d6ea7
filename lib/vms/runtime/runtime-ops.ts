import "server-only";
import { instance } from "@/lib/jobs/instance";
import { readFile, stat } from "node:fs/promises";
import { db } from "@/lib/db";
import type { AfterCommitAction, RestoreMemoryOp, RuntimeOp } from "./runtime-steps";
import { launchQemu } from "@/lib/runtime/launch-qemu";
import { mergeBackOverlays, switchToOverlays } from "@/lib/runtime/live-snapshot";
import { cancelMemorySave, saveMemoryState, waitForIncomingState } from "@/lib/runtime/memory-state";
import { isQemuAlive, qemuLogTail, waitForQemuExit } from "@/lib/runtime/qemu-process";
import { runtimeFiles } from "@/lib/runtime/runtime-paths";
import { commitVolumeIntoBacking, removeVolume, writeStreamVolume } from "@/lib/storage/driver";
import { readVolumeMeta } from "@/lib/storage/volume-meta";
import { stopQemu } from "./stop-qemu";
import { vmConnection, watchQemu } from "./vm-connections";
import { executeLiveMove, undoLiveMove } from "./live-move";
import { plugDisk, unplugDisk } from "@/lib/runtime/hotplug";
import { executeLiveMerge, undoLiveMerge } from "./live-merge-op";
import { executeLiveCommit } from "./live-commit-op";

// The job steps that act on a VM's QEMU (declared in runtime-steps.ts), and their inverses.

/** Reading a saved state runs at disk speed; allow for a slow domain, never forever. */
function restoreTimeoutMs(bytes: number) {
  return 60_000 + Math.ceil(bytes / (20 * 1024 * 1024)) * 1000;
}

export async function executeRuntimeOp(op: RuntimeOp, onProgress: (percent: number) => void, signal?: AbortSignal) {
  switch (op.kind) {
    case "pause-vm":
      await (await vmConnection(op.vm)).execute("stop");
      return;
    case "save-memory": {
      const client = await vmConnection(op.vm);
      await writeStreamVolume({ path: op.path, format: "raw", meta: op.meta }, (file) => saveMemoryState(client, file, onProgress));
      return;
    }
    case "restore-memory":
      return restoreMemory(op);
    case "live-snapshot":
      await switchToOverlays(await vmConnection(op.vm), op.disks);
      return;
    case "live-move":
      return executeLiveMove(op, onProgress, signal);
    case "hot-plug":
      return plugDisk(await vmConnection(op.vm), op.disk);
    case "hot-unplug":
      return unplugDisk(await vmConnection(op.vm), op.disk);
    case "live-merge":
      return executeLiveMerge(op, onProgress, signal);
    case "live-commit":
      return executeLiveCommit(op, onProgress);
  }
}

export async function undoRuntimeOp(op: RuntimeOp) {
  switch (op.kind) {
    case "pause-vm": {
      if (!(await isQemuAlive(op.vm.runtimePid, op.vm.qmpSocket))) return;
      const client = await vmConnection(op.vm);
      const { running } = await client.execute<{ running: boolean }>("query-status");
      // Also after a completed save: QEMU then takes its images back before running on.
      if (!running) await client.execute("cont");
      return;
    }
    case "save-memory":
      if (await isQemuAlive(op.vm.runtimePid, op.vm.qmpSocket)) await cancelMemorySave(await vmConnection(op.vm));
      await removeVolume(op.path);
      return;
    case "restore-memory":
      return stopRestoredQemu(op.launch.vmId);
    case "live-snapshot":
      if (await isQemuAlive(op.vm.runtimePid, op.vm.qmpSocket)) {
        await mergeBackOverlays(await vmConnection(op.vm), op.disks);
      } else {
        // The guest may have written into an overlay before QEMU ended: keep that data.
        for (const disk of op.disks) await commitVolumeIntoBacking(disk.overlayPath);
      }
      return;
    case "live-move":
      return undoLiveMove(op);
    case "live-merge":
      return undoLiveMerge(op);
    case "live-commit":
      return; // the base is written from the start: the job rolls forward once the mark is down
    case "hot-plug":
    case "hot-unplug": {
      // A QEMU that is gone has no devices left to put right.
      if (!(await isQemuAlive(op.vm.runtimePid, op.vm.qmpSocket))) return;
      const client = await vmConnection(op.vm);
      return op.kind === "hot-plug" ? unplugDisk(client, op.disk) : plugDisk(client, op.disk);
    }
  }
}

async function restoreMemory(op: RestoreMemoryOp) {
  const vmId = op.launch.vmId;
  // QEMU waits forever on an empty stream and fails late on a partial one: check first.
  const meta = await readVolumeMeta(op.memoryPath).catch(() => null);
  const size = (await stat(op.memoryPath).catch(() => null))?.size ?? 0;
  if (meta?.legality !== "LEGAL" || size === 0) throw new Error(`the memory volume ${op.memoryPath} is missing or incomplete`);
  const launched = await launchQemu(op.launch, {
    incomingFile: op.memoryPath,
    onSpawned: async (pid, files) => {
      await db.vm.update({ where: { id: vmId }, data: { runtimePid: pid, qmpSocket: files.qmpSocket, runtimeHost: instance.host, runtimeStartedAt: new Date() } });
    },
  });
  watchQemu({ id: vmId, name: op.launch.name }, launched.pid, launched.files.qmpSocket, launched.client);
  try {
    await waitForIncomingState(launched.client, restoreTimeoutMs(size));
    await launched.client.execute("cont");
  } catch (error) {
    // QEMU exits on a damaged stream, which surfaces here as a closed connection: its log says why.
    await waitForQemuExit(launched.pid, launched.files.qmpSocket, 2_000);
    const said = await qemuLogTail(launched.files.log);
    throw new Error(`QEMU could not restore the saved state: ${said || (error as Error).message}`);
  }
}

/** Stops whatever QEMU a restore started, found through the database or, failing that, the pid file. */
async function stopRestoredQemu(vmId: string) {
  const vm = await db.vm.findUnique({ where: { id: vmId } });
  if (!vm) return;
  const files = runtimeFiles(vmId);
  const pidFromFile = Number((await readFile(files.pidFile, "utf8").catch(() => "")).trim()) || null;
  const pid = vm.runtimePid ?? pidFromFile;
  await stopQemu({ id: vm.id, name: vm.name, runtimePid: pid, qmpSocket: vm.qmpSocket ?? files.qmpSocket });
  await db.vm.update({ where: { id: vmId }, data: { runtimePid: null, qmpSocket: null, runtimeStartedAt: null } });
}

/** After a hibernation commits: the memory state is saved, the paused QEMU it came from has nothing left to do. */
export async function stopAfterHibernate(action: AfterCommitAction) {
  await stopQemu(action.vm);
  await db.vm.updateMany({ where: { id: action.vm.id, runtimePid: action.vm.runtimePid }, data: { runtimePid: null, qmpSocket: null, runtimeStartedAt: null } });
}
