import "server-only";
import { updateOvfsQuietly } from "@/lib/ovf-store/update-ovf-store";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events";
import { loadVm, requireFreeName } from "@/lib/entities/load";
import { parseInput } from "@/lib/schemas/parse";
import { updateVmSchema, type UpdateVmInput } from "@/lib/schemas/vm";
import { requirePermission, vmScopes } from "@/lib/auth/authorize";
import { statusText } from "./runtime/vm-status";

/** Renames a VM or changes its description, CPUs or memory (those two only while it is down). */
export async function updateVm(input: UpdateVmInput, actor: Actor) {
  const { vmId, ...changes } = parseInput(updateVmSchema, input);
  const vm = await loadVm(vmId);
  requirePermission(actor, "operate_vm", await vmScopes(vm.id), `change VM ${vm.name}`);
  const action = `update VM ${vm.name}`;
  if (changes.name !== undefined && changes.name !== vm.name) await requireFreeName("vm", changes.name);
  const hardware = (changes.cpus !== undefined && changes.cpus !== vm.cpus) || (changes.memoryMb !== undefined && changes.memoryMb !== vm.memoryMb);
  if (hardware && vm.status !== "down") throw new AppError("VM_NOT_DOWN", `Cannot ${action}. It is ${statusText(vm.status)}; CPUs and memory change only while it is down.`);
  const updated = await db.$transaction(async (tx) => {
    // Compare-and-set: a VM a job holds or locks, or whose status moved on, is not changed under it.
    const { count } = await tx.vm.updateMany({ where: { id: vm.id, lockJobId: null, status: vm.status, ...(hardware ? { holds: { none: {} } } : {}) }, data: changes });
    if (!count) throw new AppError("CONFLICT", `Cannot ${action}. It is locked by another operation or changed meanwhile.`);
    await recordEvent(tx, actor, { action: "update_vm", message: `VM ${changes.name ?? vm.name} updated.`, objectType: "vm", objectId: vm.id });
    return tx.vm.findUniqueOrThrow({ where: { id: vm.id } });
  });
  await updateOvfsQuietly({ vms: [vm.id], templates: [], disks: [] });
  return updated;
}
