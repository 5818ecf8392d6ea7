import "server-only";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { deleteVmSchema, type DeleteVmInput } from "@/lib/schemas/vm";
import { loadVm } from "@/lib/entities/load";
import { requireVmDown } from "@/lib/entities/require-state";
import { createJob } from "@/lib/jobs/create-job";
import { newPlan } from "@/lib/operations";
import { volumePath } from "@/lib/storage/layout";
import { requirePermission, vmScopes } from "@/lib/auth/authorize";

/** Deletes a down VM with its disks, or keeps them as floating disks (detachOnly). */
export async function deleteVm(input: DeleteVmInput, actor: Actor) {
  const data = parseInput(deleteVmSchema, input);
  const vm = await loadVm(data.vmId);
  requirePermission(actor, "operate_vm", await vmScopes(vm.id), `remove VM ${vm.name}`);
  requireVmDown(vm, "remove VM");
  const locked = vm.attachments.filter((a) => a.disk.lockJobId);
  if (locked.length) throw new AppError("DISK_LOCKED", `Cannot remove VM. Disk ${locked.map((a) => a.disk.alias).join(", ")} is locked.`);

  // Shareable disks attached elsewhere too are only detached.
  const otherUsers = await db.diskAttachment.findMany({ where: { diskId: { in: vm.attachments.map((a) => a.diskId) }, NOT: { vmId: vm.id } } });
  const toDelete = data.detachOnly ? [] : vm.attachments.filter((a) => !otherUsers.some((o) => o.diskId === a.diskId)).map((a) => a.disk);
  const volumes = await db.volume.findMany({ where: { diskId: { in: toDelete.map((d) => d.id) } }, include: { storageDomain: true } });

  const plan = newPlan();
  plan.locked.vms[vm.id] = vm.status;
  for (const disk of toDelete) plan.locked.disks[disk.id] = disk.status;
  plan.commit.deleteDisks.push(...toDelete.map((d) => d.id));
  plan.commit.deleteVms.push(vm.id);
  plan.removeAfterCommit.push(...volumes.map((v) => volumePath(v.storageDomain, v.diskId, v.id)));
  const job = await createJob({
    type: "remove_vm",
    description: `Removing VM ${vm.name}${data.detachOnly ? " (keeping its disks)" : ""}`,
    actor,
    correlationId: data.correlationId,
    plan,
    objectType: "vm",
    objectId: vm.id,
    // With the VM locked, its disks must still be the ones this plan saw: one added meanwhile
    // would be left floating (or its removal skipped).
    createRows: async (tx) => {
      const now = await tx.diskAttachment.findMany({ where: { vmId: vm.id }, select: { diskId: true } });
      const seen = new Set(vm.attachments.map((a) => a.diskId));
      if (now.length !== seen.size || now.some((a) => !seen.has(a.diskId))) throw new AppError("CONFLICT", `Cannot remove VM. The disks of VM ${vm.name} changed meanwhile; try again.`);
    },
  });
  return { job };
}
