import "server-only";
import { readdir, readFile, rm } from "node:fs/promises";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { recordEvent } from "@/lib/events";
import { isQemuAlive } from "@/lib/runtime/qemu-process";
import { runtimeFiles, runtimeRoot } from "@/lib/runtime/runtime-paths";
import { reconcileVm, type Reconciled } from "./reconcile-vm";
import { killStrayQemu } from "./stop-qemu";
import { STATUSES_WITH_PROCESS } from "./vm-status";

/**
 * Start-up: VMs whose QEMU outlived the portal are found again (pid alive and its QMP socket
 * answering) and keep running; a VM whose process vanished goes down with an event; a leftover
 * QEMU no VM counts on is stopped. Runs after job recovery, which has undone unfinished runtime
 * steps (a half-done hibernation continues its VM) and before anything starts a VM.
 */
export async function recoverVms() {
  const vms = await db.vm.findMany({
    where: { OR: [{ runtimePid: { not: null } }, { status: { in: [...STATUSES_WITH_PROCESS] } }] },
    select: { id: true, name: true },
  });
  const outcome: Record<Reconciled, string[]> = { running: [], went_down: [], stopped_leftover: [], unchanged: [] };
  for (const vm of vms) {
    const result = await reconcileVm(vm.id, "restart").catch((error: Error) => {
      console.error(`recovery of VM ${vm.name} failed`, error);
      return "unchanged" as const;
    });
    outcome[result].push(vm.name);
  }
  const strays = await stopStrayProcesses();
  return { running: outcome.running, wentDown: outcome.went_down, leftoversStopped: outcome.stopped_leftover, strays };
}

/** QEMUs found through the pid files of the runtime directory that no VM row points at. */
async function stopStrayProcesses() {
  const stopped: number[] = [];
  for (const vmId of await readdir(runtimeRoot()).catch(() => [] as string[])) {
    const files = (() => {
      try {
        return runtimeFiles(vmId);
      } catch {
        return null; // not a VM's directory
      }
    })();
    if (!files) continue;
    const pid = Number((await readFile(files.pidFile, "utf8").catch(() => "")).trim());
    const vm = await db.vm.findUnique({ where: { id: vmId }, select: { runtimePid: true } });
    if (pid && (await isQemuAlive(pid, files.qmpSocket)) && vm?.runtimePid !== pid) {
      await killStrayQemu(pid, files.qmpSocket);
      stopped.push(pid);
      await recordEvent(db, systemActor, { action: "stray_qemu_stopped", severity: "warning", message: `Stopped QEMU process ${pid}, which no VM owns (runtime directory ${files.dir}).`, objectType: "vm", objectId: vmId });
    }
    if (!vm) await rm(files.dir, { recursive: true, force: true });
  }
  return stopped;
}
