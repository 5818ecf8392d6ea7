import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events";
import { parseInput } from "@/lib/schemas/parse";
import { attachDiskSchema, detachDiskSchema, type AttachDiskInput } from "@/lib/schemas/disk";
import { loadDisk, loadVm } from "@/lib/entities/load";
import { requireDiskUsable } from "@/lib/entities/require-state";
import { diskScopes, requirePermission, vmScopes } from "@/lib/auth/authorize";

// Attaching and detaching change no file: they are plain database updates.

export async function attachDisk(input: AttachDiskInput, actor: Actor) {
  const data = parseInput(attachDiskSchema, input);
  const [vm, disk] = [await loadVm(data.vmId), await loadDisk(data.diskId)];
  requirePermission(actor, "operate_vm", await vmScopes(vm.id), `change VM ${vm.name}`);
  requirePermission(actor, "edit_disk", await diskScopes(disk.id), `use disk ${disk.alias}`);
  requireDiskUsable(disk, "attach Virtual Disk");
  if (disk.attachments.some((a) => a.templateId)) throw new AppError("CONFLICT", `Cannot attach Virtual Disk. Disk ${disk.alias} belongs to a template.`);
  if (disk.contentType !== "data") throw new AppError("CONFLICT", `Cannot attach Virtual Disk. Disk ${disk.alias} is a memory dump, not a data disk.`);
  // Without hot-plug an active disk would reach QEMU only at the next start, and a suspended
  // VM's saved state would no longer match its devices.
  if (data.active && vm.status !== "down") throw new AppError("VM_NOT_DOWN", `Cannot attach Virtual Disk. VM ${vm.name} is ${vm.status.replace(/_/g, " ")}; disk hot-plug is not supported yet: attach it inactive, or shut the VM down first.`);
  if (disk.attachments.some((a) => a.vmId === vm.id)) throw new AppError("CONFLICT", `Cannot attach Virtual Disk. Disk ${disk.alias} is already attached to VM ${vm.name}.`);
  if (disk.attachments.length && !disk.shareable) throw new AppError("CONFLICT", `Cannot attach Virtual Disk. Disk ${disk.alias} is attached to another VM and is not shareable.`);
  const attachment = await db.$transaction(async (tx) => {
    // Compare-and-set on both rows: a VM being removed, or a disk a job took meanwhile, refuses.
    const vmFree = await tx.vm.updateMany({ where: { id: vm.id, lockJobId: null, status: vm.status }, data: { status: vm.status } });
    const diskFree = await tx.disk.updateMany({ where: { id: disk.id, lockJobId: null, status: disk.status }, data: { status: disk.status } });
    if (!vmFree.count || !diskFree.count) throw new AppError("CONFLICT", `Cannot attach Virtual Disk. VM ${vm.name} or disk ${disk.alias} is locked by another operation or changed meanwhile.`);
    const created = await tx.diskAttachment.create({
      data: { id: randomUUID(), diskId: disk.id, vmId: vm.id, interface: data.interface, bootable: data.bootable, active: data.active },
    });
    await recordEvent(tx, actor, { action: "attach_disk", message: `Disk ${disk.alias} attached to VM ${vm.name}.`, objectType: "vm", objectId: vm.id });
    return created;
  });
  return attachment;
}

export async function detachDisk(input: { vmId: string; diskId: string }, actor: Actor) {
  const data = parseInput(detachDiskSchema, input);
  const [vm, disk] = [await loadVm(data.vmId), await loadDisk(data.diskId)];
  const attachment = disk.attachments.find((a) => a.vmId === vm.id);
  if (!attachment) throw new AppError("NOT_FOUND", `Disk ${disk.alias} is not attached to VM ${vm.name}.`);
  requirePermission(actor, "operate_vm", await vmScopes(vm.id), `change VM ${vm.name}`);
  requireDiskUsable(disk, "detach Virtual Disk");
  if (vm.status !== "down" && attachment.active) throw new AppError("VM_NOT_DOWN", `Cannot detach Virtual Disk. VM ${vm.name} is ${vm.status}; deactivate the disk or shut the VM down first.`);
  await db.$transaction(async (tx) => {
    await tx.diskAttachment.delete({ where: { id: attachment.id } });
    await recordEvent(tx, actor, { action: "detach_disk", message: `Disk ${disk.alias} detached from VM ${vm.name}.`, objectType: "vm", objectId: vm.id });
  });
}
