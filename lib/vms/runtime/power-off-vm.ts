import "server-only";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { loadDisk, loadVm } from "@/lib/entities/load";
import { requireDiskUsable } from "@/lib/entities/require-state";
import { loadDiskChain } from "@/lib/disks/chain";
import { createJob } from "@/lib/jobs/create-job";
import { newPlan } from "@/lib/operations";
import { waitForJob } from "@/lib/jobs/run-job";
import { parseInput } from "@/lib/schemas/parse";
import { requirePermission, vmScopes } from "@/lib/auth/authorize";
import { powerOffVmSchema, type PowerOffVmInput } from "@/lib/schemas/vm-runtime";
import { stopQemu } from "./stop-qemu";
import { recordVmStopped } from "./vm-exit";
import { statusText } from "./vm-status";

const ACTION = "power off VM";
const POWER_OFF_FROM = ["powering_up", "up", "paused", "powering_down"];

/**
 * Pulls the plug: QEMU quits at once (killed if it does not). On a suspended VM it discards the
 * saved memory state instead, as oVirt's Power Off does, and the VM is down.
 */
export async function powerOffVm(input: PowerOffVmInput, actor: Actor) {
  const data = parseInput(powerOffVmSchema, input);
  const vm = await loadVm(data.vmId);
  requirePermission(actor, "operate_vm", await vmScopes(vm.id), `power off VM ${vm.name}`);
  if (vm.lockJobId) throw new AppError("CONFLICT", `Cannot ${ACTION}. VM ${vm.name} is locked by another operation.`);
  if (vm.status === "suspended") {
    await discardSavedState(vm, actor, data.correlationId);
  } else {
    if (!POWER_OFF_FROM.includes(vm.status)) throw new AppError("VM_NOT_RUNNING", `Cannot ${ACTION}. VM ${vm.name} is ${statusText(vm.status)}.`);
    const { count } = await db.vm.updateMany({ where: { id: vm.id, status: { in: POWER_OFF_FROM }, lockJobId: null, runtimePid: vm.runtimePid }, data: { status: "powering_down" } });
    if (count !== 1) throw new AppError("CONFLICT", `Cannot ${ACTION}. VM ${vm.name} changed meanwhile.`);
    await stopQemu(vm, 2_000);
    await recordVmStopped(vm.id, vm.runtimePid, actor, `VM ${vm.name} was powered off.`);
  }
  return db.vm.findUniqueOrThrow({ where: { id: vm.id } });
}

/** Removes a suspended VM's memory volume (disk row and file) in one job; the VM is then down. */
async function discardSavedState(vm: Awaited<ReturnType<typeof loadVm>>, actor: Actor, correlationId?: string) {
  const plan = newPlan();
  plan.locked.vms[vm.id] = vm.status;
  plan.commit.updateVms.push({ id: vm.id, status: "down", memoryDiskId: null });
  if (vm.memoryDiskId) {
    const disk = await loadDisk(vm.memoryDiskId).catch(() => null);
    if (disk) {
      requireDiskUsable(disk, ACTION);
      plan.locked.disks[disk.id] = disk.status;
      plan.commit.deleteDisks.push(disk.id);
      plan.removeAfterCommit.push(...(await loadDiskChain(disk.id)).volumes.map((v) => v.path));
    }
  }
  const { id } = await createJob({ type: "discard_saved_state", description: `Powering off suspended VM ${vm.name} (discarding its saved memory)`, actor, correlationId, plan, objectType: "vm", objectId: vm.id });
  const job = await waitForJob(id);
  if (job.status !== "finished") throw new AppError("STORAGE_FAILURE", `Cannot ${ACTION}. ${job.error ?? "The saved state could not be removed."}`);
}
