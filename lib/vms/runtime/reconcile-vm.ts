import "server-only";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { recordEvent } from "@/lib/events";
import { isQemuAlive } from "@/lib/runtime/qemu-process";
import { finishShutdown } from "./finish-shutdown";
import { stopQemu } from "./stop-qemu";
import { vmConnection } from "./vm-connections";
import { recordQemuGone } from "./vm-exit";
import { hasQemuProcess, statusFromQemu } from "./vm-status";

export type Reconciled = "running" | "went_down" | "stopped_leftover" | "unchanged";

/** A shutdown found in progress after a restart gets this long again before the power-off. */
const RESUMED_SHUTDOWN_TIMEOUT_MS = 120_000;

/**
 * Makes a VM's status match its QEMU process: a running VM without a live process goes down (with
 * an event); a down or suspended VM with a live process has that leftover stopped; a live VM is
 * watched again and takes the run state QEMU reports. A VM held by a job is left to that job.
 */
export async function reconcileVm(vmId: string, context: "job" | "restart" = "job"): Promise<Reconciled> {
  const vm = await db.vm.findUnique({ where: { id: vmId } });
  if (!vm || vm.lockJobId) return "unchanged";
  const alive = await isQemuAlive(vm.runtimePid, vm.qmpSocket);

  if (!alive) {
    if (!vm.runtimePid && !hasQemuProcess(vm.status)) return "unchanged";
    const when = context === "restart" ? " while the portal was not running" : "";
    const wentDown = await recordQemuGone(vm.id, vm.runtimePid, { severity: "error", message: `VM ${vm.name} is down: its QEMU process${vm.runtimePid ? ` (pid ${vm.runtimePid})` : ""} ended${when}.` });
    return wentDown ? "went_down" : "unchanged";
  }

  if (!hasQemuProcess(vm.status)) {
    // Its state is on disk (suspended) or it was stopped: e.g. a hibernation committed just
    // before a crash, with its paused QEMU not yet stopped.
    await stopQemu(vm);
    await db.$transaction(async (tx) => {
      await tx.vm.updateMany({ where: { id: vm.id, runtimePid: vm.runtimePid }, data: { runtimePid: null, qmpSocket: null, runtimeStartedAt: null } });
      await recordEvent(tx, systemActor, { action: "vm_leftover_stopped", severity: "warning", message: `Stopped a leftover QEMU process (pid ${vm.runtimePid}) of VM ${vm.name}, which is ${vm.status}.`, objectType: "vm", objectId: vm.id });
    });
    return "stopped_leftover";
  }

  const client = await vmConnection(vm);
  if (vm.status === "powering_down") {
    void finishShutdown(vm, RESUMED_SHUTDOWN_TIMEOUT_MS, systemActor);
    return "running";
  }
  let { status: runState, running } = await client.execute<{ status: string; running: boolean }>("query-status");
  if (runState === "prelaunch" && vm.status === "powering_up") {
    // A start interrupted between launching QEMU and letting the guest run: finish it.
    await client.execute("cont");
    ({ status: runState, running } = await client.execute<{ status: string; running: boolean }>("query-status"));
  }
  const status = statusFromQemu(runState, running);
  if (status !== vm.status) await db.vm.updateMany({ where: { id: vm.id, runtimePid: vm.runtimePid, lockJobId: null }, data: { status } });
  return "running";
}
