import "server-only";
import { execFile } from "node:child_process";
import { rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { recordEvent } from "@/lib/events";
import { failpoint } from "@/lib/failpoints";
import type { LiveMoveOp } from "./runtime-steps";
import { activeNodes } from "@/lib/runtime/block-nodes";
import { closeTargets, dropMirrorJobs, mirrorAndSwitch } from "@/lib/runtime/live-mirror";
import { isQemuAlive } from "@/lib/runtime/qemu-process";
import { runtimeFiles } from "@/lib/runtime/runtime-paths";
import { verifyDomainOfFile } from "@/lib/storage/domain-identity";
import { vmConnection } from "./vm-connections";

// The live storage migration step and its undo. The step mirrors and switches (lib/runtime/
// live-mirror.ts); the move commits afterwards like a cold one, and the sources are removed only
// then. Undone, the devices go back to their source volumes: a mirror still running is cancelled;
// a device already on its target is mirrored back first, so what the guest wrote since is kept.
// If QEMU is gone too, the marker written at the switch (with the guest still paused) says the
// targets hold the newest data, and they are copied back over the sources offline: the volumes
// have the same relative backing references on both domains, so a copy of the file is exact.

const execFileAsync = promisify(execFile);

function mirrorJobId(prefix: "move" | "back", node: string) {
  return `${prefix}-${node}`;
}

function switchMarker(op: LiveMoveOp) {
  return path.join(runtimeFiles(op.vm.id).dir, `live-move-${op.id}.switched`);
}

export async function executeLiveMove(op: LiveMoveOp, onProgress: (percent: number) => void, signal?: AbortSignal) {
  const client = await vmConnection(op.vm);
  const { pausedMs } = await mirrorAndSwitch(
    client,
    op.disks.map((disk) => ({ deviceId: disk.deviceId, jobId: mirrorJobId("move", disk.target.node), target: disk.target })),
    { speed: op.speed, pauseGuest: op.pauseGuest, onProgress, signal, onSwitched: () => writeFile(switchMarker(op), "") },
  );
  // A target domain that went away during the mirror must not be committed to.
  for (const disk of op.disks) await verifyDomainOfFile(disk.target.path);
  if (pausedMs > 0) {
    await recordEvent(db, systemActor, {
      action: "live_move_switched",
      message: `VM ${op.vm.name}: disk${op.disks.length > 1 ? "s" : ""} ${op.disks.map((d) => d.alias).join(", ")} switched to the target domain${op.disks.length > 1 ? "s" : ""}; the guest was paused for ${Math.round(pausedMs)} ms.`,
      objectType: "vm",
      objectId: op.vm.id,
    });
  }
  await failpoint("live-move:switched");
}

export async function undoLiveMove(op: LiveMoveOp) {
  if (await isQemuAlive(op.vm.runtimePid, op.vm.qmpSocket)) {
    const client = await vmConnection(op.vm);
    await dropMirrorJobs(client, op.disks.map((disk) => mirrorJobId("move", disk.target.node)));
    const active = await activeNodes(client);
    const switched = op.disks.filter((disk) => active.get(disk.deviceId)?.node === disk.target.node);
    if (switched.length) {
      await mirrorAndSwitch(
        client,
        switched.map((disk) => ({ deviceId: disk.deviceId, jobId: mirrorJobId("back", disk.source.node), target: disk.source })),
        { speed: 0, pauseGuest: true },
      );
    }
    await closeTargets(client, op.disks.map((disk) => disk.target));
    // A crash while the guest was paused for the switch leaves it paused: it ran before.
    if (op.pauseGuest && !(await client.execute<{ running: boolean }>("query-status")).running) await client.execute("cont");
  } else if (await stat(switchMarker(op)).catch(() => null)) {
    for (const disk of op.disks) await copyBack(disk.target.path, disk.source.path);
  }
  await rm(switchMarker(op), { force: true });
}

async function copyBack(from: string, to: string) {
  await verifyDomainOfFile(from);
  await verifyDomainOfFile(to);
  const temp = `${to}.back`;
  await execFileAsync("cp", ["--sparse=always", from, temp]);
  await rename(temp, to);
}
