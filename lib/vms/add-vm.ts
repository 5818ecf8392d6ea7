import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { parseInput } from "@/lib/schemas/parse";
import { addVmSchema, type AddVmInput } from "@/lib/schemas/vm";
import { checkPlacements, newDiskBytes } from "@/lib/storage-domains/placement";
import { requireFreeName, resolveClusterId } from "@/lib/entities/load";
import { createDiskOp } from "@/lib/disks/volume-ops";
import { createLockedDisk } from "@/lib/disks/disk-rows";
import { createJob } from "@/lib/jobs/create-job";
import { newPlan } from "@/lib/operations";
import { clusterScopes, requireDiskCreation, requirePermission } from "@/lib/auth/authorize";

/** A new VM with any number of new disks, each on the storage domain chosen for it. */
export async function addVm(input: AddVmInput, actor: Actor) {
  const data = parseInput(addVmSchema, input);
  const clusterId = await resolveClusterId(data.clusterId);
  requirePermission(actor, "create_vm", await clusterScopes(clusterId), "create VMs");
  await requireFreeName("vm", data.name);
  const domains = await checkPlacements(
    "add VM",
    data.disks.map((disk, i) => ({ storageDomainId: disk.storageDomainId, bytes: newDiskBytes(disk), what: `disk ${disk.alias}`, field: `disks.${i}.storageDomainId` })),
  );

  await requireDiskCreation(actor, [...domains.values()]);
  const vmId = randomUUID();
  const disks = data.disks.map((disk) => ({ ...disk, id: randomUUID() }));
  const plan = newPlan();
  plan.created.vms.push(vmId);
  plan.created.disks.push(...disks.map((d) => d.id));
  plan.ops = disks.map((disk) => createDiskOp(domains.get(disk.storageDomainId)!, disk));

  const job = await createJob({
    type: "add_vm",
    description: `Adding VM ${data.name}`,
    actor,
    correlationId: data.correlationId,
    plan,
    objectType: "vm",
    objectId: vmId,
    createRows: async (tx, jobId) => {
      const { name, description, cpus, memoryMb } = data;
      await tx.vm.create({ data: { id: vmId, name, description, cpus, memoryMb, clusterId, status: "image_locked", lockJobId: jobId } });
      for (const disk of disks) {
        await createLockedDisk(tx, jobId, disk, { vmId, interface: disk.interface, bootable: disk.bootable });
      }
    },
  });
  return { vmId, diskIds: disks.map((d) => d.id), job };
}
