import "server-only";
import { activeOnRunningVmReason } from "@/lib/entities/state-rules";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { deleteDiskSchema } from "@/lib/schemas/disk";
import { loadDisk } from "@/lib/entities/load";
import { createJob } from "@/lib/jobs/create-job";
import { newPlan } from "@/lib/operations";
import { volumePath } from "@/lib/storage/layout";
import { diskScopes, requirePermission } from "@/lib/auth/authorize";

const ACTION = "remove Virtual Disk";

/** Deletes a floating disk, or a disk of a VM that is down. Illegal disks may be deleted too. */
export async function deleteDisk(input: { diskId: string; correlationId?: string }, actor: Actor) {
  const data = parseInput(deleteDiskSchema, input);
  const disk = await loadDisk(data.diskId);
  requirePermission(actor, "edit_disk", await diskScopes(disk.id), `remove disk ${disk.alias}`);
  if (disk.lockJobId) throw new AppError("DISK_LOCKED", `Cannot ${ACTION}. Disk ${disk.alias} is locked by another operation.`);
  const hibernated = await db.vm.findFirst({ where: { memoryDiskId: disk.id } });
  if (hibernated) throw new AppError("CONFLICT", `Cannot ${ACTION}. Disk ${disk.alias} holds the saved memory of suspended VM ${hibernated.name}; resume the VM, or power it off to discard that state.`);
  if (disk.attachments.some((a) => a.templateId)) throw new AppError("CONFLICT", `Cannot ${ACTION}. Disk ${disk.alias} belongs to a template; remove the template instead.`);
  const vmIds = disk.attachments.flatMap((a) => (a.vmId ? [a.vmId] : []));
  const vms = await db.vm.findMany({ where: { id: { in: vmIds } } });
  for (const vm of vms) {
    const active = activeOnRunningVmReason(disk, vm);
    if (active && disk.attachments.some((a) => a.vmId === vm.id && a.active)) throw new AppError("VM_NOT_DOWN", `Cannot ${ACTION}. ${active}`);
    if (vm.lockJobId) throw new AppError("CONFLICT", `Cannot ${ACTION}. VM ${vm.name} is locked by another operation.`);
  }
  const dependents = await db.volume.count({ where: { parentId: { in: (await db.volume.findMany({ where: { diskId: disk.id }, select: { id: true } })).map((v) => v.id) }, NOT: { diskId: disk.id } } });
  if (dependents) throw new AppError("CONFLICT", `Cannot ${ACTION}. Other disks are thin on disk ${disk.alias}.`);

  const volumes = await db.volume.findMany({ where: { diskId: disk.id }, include: { storageDomain: true } });
  const plan = newPlan();
  plan.locked.disks[disk.id] = disk.status;
  plan.commit.deleteDisks.push(disk.id);
  plan.removeAfterCommit.push(...volumes.map((v) => volumePath(v.storageDomain, disk.id, v.id)));
  const job = await createJob({ type: "remove_disk", description: `Removing disk ${disk.alias}`, actor, correlationId: data.correlationId, plan, objectType: "disk", objectId: disk.id });
  return { job };
}
