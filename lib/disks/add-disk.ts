import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/schemas/parse";
import { addDiskSchema, type AddDiskInput } from "@/lib/schemas/disk";
import { checkPlacements, newDiskBytes } from "@/lib/storage-domains/placement";
import { loadVm } from "@/lib/entities/load";
import { createJob } from "@/lib/jobs/create-job";
import { newPlan } from "@/lib/operations";
import { requireDiskCreation, requirePermission, vmScopes } from "@/lib/auth/authorize";
import { createDiskOp } from "./volume-ops";
import { createLockedDisk } from "./disk-rows";
import { processRef, requireHotplug } from "./hotplug-rules";

/** A new disk on the chosen domain, attached to a VM or floating. */
export async function addDisk(input: AddDiskInput, actor: Actor) {
  const data = parseInput(addDiskSchema, input);
  const vm = data.vmId ? await loadVm(data.vmId) : null;
  if (vm?.lockJobId) throw new AppError("CONFLICT", `Cannot add Virtual Disk. VM ${vm.name} is locked by another operation.`);
  if (vm) requirePermission(actor, "operate_vm", await vmScopes(vm.id), `change VM ${vm.name}`);
  // A running VM gets the new disk plugged in (an inactive one waits for the next start).
  const plugIn = !!vm && vm.status !== "down" && data.active;
  if (vm && plugIn) requireHotplug(vm, data.interface, "add Virtual Disk");
  const domains = await checkPlacements("add Virtual Disk", [
    { storageDomainId: data.storageDomainId, bytes: newDiskBytes(data), what: `disk ${data.alias}`, field: "storageDomainId" },
  ]);

  await requireDiskCreation(actor, [...domains.values()]);
  if (data.id && (await db.disk.count({ where: { id: data.id } }))) throw new AppError("CONFLICT", `Cannot add Virtual Disk. A disk with id ${data.id} already exists.`);
  const disk = { ...data, id: data.id ?? randomUUID() };
  const plan = newPlan();
  plan.created.disks.push(disk.id);
  const create = createDiskOp(domains.get(data.storageDomainId)!, disk);
  plan.ops = [create];
  if (vm && plugIn && create.kind === "create" && create.record) {
    plan.ops.push({
      kind: "hot-plug",
      label: `Plug disk ${data.alias} into running VM ${vm.name}`,
      vm: processRef(vm),
      disk: { diskId: disk.id, interface: data.interface, leafVolumeId: create.record.id, path: create.path, format: create.format },
    });
  }
  // Held shared: a delete of the VM cannot pass this job, nor this job a VM already being removed.
  if (vm) plan.shared!.vms[vm.id] = vm.status;
  const job = await createJob({
    type: "add_disk",
    description: `Adding disk ${data.alias}${vm ? ` to VM ${vm.name}` : ""}`,
    actor,
    correlationId: data.correlationId,
    plan,
    objectType: "disk",
    objectId: disk.id,
    createRows: (tx, jobId) =>
      createLockedDisk(tx, jobId, disk, vm ? { vmId: vm.id, interface: data.interface, bootable: data.bootable, active: data.active } : undefined),
  });
  return { diskId: disk.id, job };
}
