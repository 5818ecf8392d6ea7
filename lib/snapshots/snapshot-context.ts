import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { loadVm } from "@/lib/entities/load";
import { requireDiskUsable, requireVmDown } from "@/lib/entities/require-state";
import { loadDiskChains } from "@/lib/disks/chain";
import { newPlan } from "@/lib/operations";
import type { Actor } from "@/lib/actor";
import { requirePermission, vmScopes } from "@/lib/auth/authorize";
import { activeSnapshotId } from "./active-snapshot";

/**
 * The VM, its data disks' chains, and a plan that locks them: what every snapshot operation
 * starts from. Only `allowRunning` operations (creating one) accept a running VM.
 */
export async function snapshotContext(actor: Actor, vmId: string, action: string, snapshotId?: string, options: { allowRunning?: boolean } = {}) {
  const vm = await loadVm(vmId);
  requirePermission(actor, "operate_vm", await vmScopes(vm.id), `${action.toLowerCase()} of VM ${vm.name}`);
  if (snapshotId === activeSnapshotId(vm.id)) {
    throw new AppError("CONFLICT", `Cannot ${action}. The Active VM snapshot is VM ${vm.name}'s current state: it can be neither removed nor restored.`);
  }
  const runningOk = options.allowRunning && vm.status === "up";
  if (options.allowRunning && !vm.lockJobId && !["down", "up"].includes(vm.status)) {
    throw new AppError("VM_NOT_DOWN", `Cannot ${action}. VM ${vm.name} is ${vm.status.replace(/_/g, " ")}; it must be down or up.`);
  }
  if (runningOk && vm.lockJobId) throw new AppError("CONFLICT", `Cannot ${action}. VM ${vm.name} is locked by another operation.`);
  if (!runningOk) requireVmDown(vm, action);
  const snapshot = snapshotId ? await db.snapshot.findFirst({ where: { id: snapshotId, vmId } }) : null;
  if (snapshotId && !snapshot) throw new AppError("NOT_FOUND", `Snapshot ${snapshotId} doesn't exist on VM ${vm.name}.`);
  const attachments = vm.attachments.filter((a) => a.disk.contentType === "data");
  const disks = attachments.map((a) => a.disk);
  for (const d of disks) requireDiskUsable(d, action);
  const chains = await loadDiskChains(disks.map((d) => d.id));
  const plan = newPlan();
  plan.locked.vms[vm.id] = vm.status;
  for (const disk of disks) plan.locked.disks[disk.id] = disk.status;
  return { vm, attachments, snapshot, disks, chains, plan };
}
