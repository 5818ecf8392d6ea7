import "server-only";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { recordEvent, type Severity } from "@/lib/events";
import { refreshVmDiskSizes } from "@/lib/disks/refresh-volume-sizes";
import { STATUSES_WITH_PROCESS } from "./vm-status";

const clearedRuntime = { runtimePid: null, qmpSocket: null, runtimeStartedAt: null };

/**
 * Records that the QEMU process `pid` of a VM is gone: a VM that was running is now down (with
 * an event saying why); a suspended one stays suspended. Compare-and-set on the pid, so a late
 * report about an older process never touches a newer one. A VM held by a job is left to that
 * job, which settles the VM when it ends (after-job.ts).
 */
export async function recordQemuGone(vmId: string, pid: number | null, why: { message: string; severity: Severity }) {
  const down = await db.$transaction(async (tx) => {
    const { count } = await tx.vm.updateMany({
      where: { id: vmId, runtimePid: pid, lockJobId: null, status: { in: [...STATUSES_WITH_PROCESS] } },
      data: { status: "down", ...clearedRuntime },
    });
    if (count) {
      await recordEvent(tx, systemActor, { action: "vm_down", severity: why.severity, message: why.message, objectType: "vm", objectId: vmId });
      return true;
    }
    await tx.vm.updateMany({ where: { id: vmId, runtimePid: pid, lockJobId: null }, data: clearedRuntime });
    return false;
  });
  if (down) await refreshSizesAfterRun(vmId);
  return down;
}

/** After an intended stop: the VM is down, whatever status it had. */
export async function recordVmStopped(vmId: string, pid: number | null, actor: { name: string }, message: string) {
  const down = await db.$transaction(async (tx) => {
    const { count } = await tx.vm.updateMany({ where: { id: vmId, runtimePid: pid, lockJobId: null }, data: { status: "down", ...clearedRuntime } });
    if (count) await recordEvent(tx, actor, { action: "vm_down", message, objectType: "vm", objectId: vmId });
    return count > 0;
  });
  if (down) await refreshSizesAfterRun(vmId);
  return down;
}

/** What the guest wrote now shows in its disks' actual sizes; the VM is down whether or not this works. */
async function refreshSizesAfterRun(vmId: string) {
  await refreshVmDiskSizes(vmId).catch((error) => console.error(`VM ${vmId}: refreshing its disks' actual sizes`, error));
}
