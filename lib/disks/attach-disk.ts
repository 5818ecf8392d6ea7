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
import { createJob, type NewJob } from "@/lib/jobs/create-job";
import { newPlan } from "@/lib/operations";
import { waitForJob } from "@/lib/jobs/run-job";
import type { PluggedDisk } from "@/lib/runtime/hotplug";
import { loadDiskChain } from "./chain";
import { processRef, requireHotplug } from "./hotplug-rules";

/** Plugging is quick: the request waits for its job and answers with the outcome. */
async function runAndWait(action: string, job: NewJob) {
  const ended = await waitForJob((await createJob(job)).id);
  if (ended.status !== "finished") throw new AppError("RUNTIME_FAILURE", `Cannot ${action}. ${ended.error ?? "The job failed."}`);
}

// Attaching and detaching change no file. On a down VM (or an inactive attachment) they are plain
// database updates; a running VM gets the disk plugged in or out by a short job, waited for here.

export async function attachDisk(input: AttachDiskInput, actor: Actor) {
  const data = parseInput(attachDiskSchema, input);
  const [vm, disk] = [await loadVm(data.vmId), await loadDisk(data.diskId)];
  requirePermission(actor, "operate_vm", await vmScopes(vm.id), `change VM ${vm.name}`);
  requirePermission(actor, "edit_disk", await diskScopes(disk.id), `use disk ${disk.alias}`);
  requireDiskUsable(disk, "attach Virtual Disk");
  if (disk.attachments.some((a) => a.templateId)) throw new AppError("CONFLICT", `Cannot attach Virtual Disk. Disk ${disk.alias} belongs to a template.`);
  if (disk.contentType !== "data") throw new AppError("CONFLICT", `Cannot attach Virtual Disk. Disk ${disk.alias} is a memory dump, not a data disk.`);
  // An active disk reaches a running VM plugged in; a suspended VM's saved state must keep its devices.
  const plugIn = data.active && vm.status !== "down";
  if (plugIn) requireHotplug(vm, data.interface, "attach Virtual Disk");
  if (disk.attachments.some((a) => a.vmId === vm.id)) throw new AppError("CONFLICT", `Cannot attach Virtual Disk. Disk ${disk.alias} is already attached to VM ${vm.name}.`);
  if (disk.attachments.length && !disk.shareable) throw new AppError("CONFLICT", `Cannot attach Virtual Disk. Disk ${disk.alias} is attached to another VM and is not shareable.`);
  if (plugIn) {
    const leaf = (await loadDiskChain(disk.id)).volumes.at(-1)!;
    const plan = newPlan();
    plan.locked.disks[disk.id] = disk.status;
    plan.shared!.vms[vm.id] = vm.status;
    plan.ops.push({ kind: "hot-plug", label: `Plug disk ${disk.alias} into running VM ${vm.name}`, vm: processRef(vm), disk: { diskId: disk.id, interface: data.interface, leafVolumeId: leaf.id, path: leaf.path, format: leaf.format } });
    plan.commit.createAttachments = [{ id: randomUUID(), diskId: disk.id, vmId: vm.id, interface: data.interface, bootable: data.bootable, active: true }];
    await runAndWait("attach Virtual Disk", { type: "attach_disk", description: `Attaching disk ${disk.alias} to running VM ${vm.name}`, actor, plan, objectType: "vm", objectId: vm.id });
    return db.diskAttachment.findFirstOrThrow({ where: { diskId: disk.id, vmId: vm.id } });
  }
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
  if (vm.status !== "down" && attachment.active) {
    requireHotplug(vm, attachment.interface, "detach Virtual Disk");
    const leaf = (await loadDiskChain(disk.id)).volumes.at(-1)!;
    const plan = newPlan();
    plan.locked.disks[disk.id] = disk.status;
    plan.shared!.vms[vm.id] = vm.status;
    plan.ops.push({ kind: "hot-unplug", label: `Unplug disk ${disk.alias} from running VM ${vm.name}`, vm: processRef(vm), disk: { diskId: disk.id, interface: attachment.interface as PluggedDisk["interface"], leafVolumeId: leaf.id, path: leaf.path, format: leaf.format } });
    plan.commit.deleteAttachments.push(attachment.id);
    await runAndWait("detach Virtual Disk", { type: "detach_disk", description: `Detaching disk ${disk.alias} from running VM ${vm.name}`, actor, plan, objectType: "vm", objectId: vm.id });
    return;
  }
  await db.$transaction(async (tx) => {
    await tx.diskAttachment.delete({ where: { id: attachment.id } });
    await recordEvent(tx, actor, { action: "detach_disk", message: `Disk ${disk.alias} detached from VM ${vm.name}.`, objectType: "vm", objectId: vm.id });
  });
}
