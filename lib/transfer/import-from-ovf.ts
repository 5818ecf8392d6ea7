import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { checkPlacements, copyBytes } from "@/lib/storage-domains/placement";
import { requireFreeName, resolveClusterId } from "@/lib/entities/load";
import { createLockedDisk } from "@/lib/disks/disk-rows";
import type { DiskShape } from "@/lib/disks/volume-ops";
import { createJob } from "@/lib/jobs/create-job";
import { newPlan, type JobOp } from "@/lib/operations";
import { clusterScopes, requireDiskCreation, requirePermission } from "@/lib/auth/authorize";
import type { OvfDescriptor, OvfDisk } from "./ovf";

// An import from an OVF (an export domain's or an OVA's): a new VM or template with new ids, each
// disk made on the data domain chosen for it (or the default) by the step the caller builds.

export interface OvfImport {
  kind: "vm" | "template";
  ovf: OvfDescriptor;
  name?: string;
  defaultStorageDomainId?: string;
  disks: { diskId: string; storageDomainId: string }[];
  correlationId?: string;
  /** "import VM", for the refusals. */
  action: string;
  /** "from nfs-export", for the job's description. */
  from: string;
  diskStep: (disk: OvfDisk, target: { id: string; name: string; path: string }, shape: DiskShape & { description: string }) => JobOp;
}

export async function importFromOvf(input: OvfImport, actor: Actor) {
  const { kind, ovf, action } = input;
  const name = input.name ?? ovf.name;
  await requireFreeName(kind, name);
  const unknown = input.disks.filter((d) => !ovf.disks.some((o) => o.diskId === d.diskId));
  if (unknown.length) throw new AppError("NOT_FOUND", `Cannot ${action}. ${ovf.name} has no disk ${unknown.map((d) => d.diskId).join(", ")}.`);
  const targets = ovf.disks.map((disk) => ({ disk, storageDomainId: input.disks.find((d) => d.diskId === disk.diskId)?.storageDomainId ?? input.defaultStorageDomainId }));
  const unplaced = targets.filter((t) => !t.storageDomainId);
  if (unplaced.length) throw new AppError("VALIDATION", `Cannot ${action}. Choose a storage domain for disk ${unplaced.map((t) => t.disk.alias).join(", ")}.`, { defaultStorageDomainId: "Required for disks without their own target" });
  const domains = await checkPlacements(
    action,
    targets.map((t, i) => ({ storageDomainId: t.storageDomainId!, bytes: copyBytes(t.disk.actualSize), what: `disk ${t.disk.alias}`, field: `disks.${i}.storageDomainId` })),
  );
  const clusterId = await resolveClusterId();
  requirePermission(actor, kind === "vm" ? "create_vm" : "create_template", await clusterScopes(clusterId), kind === "vm" ? "create VMs" : "create templates");
  await requireDiskCreation(actor, [...domains.values()]);

  const ownerId = randomUUID();
  const plan = newPlan();
  (kind === "vm" ? plan.created.vms : plan.created.templates).push(ownerId);
  const newDisks = targets.map(({ disk, storageDomainId }) => {
    const shape = { id: randomUUID(), alias: disk.alias, description: disk.description, provisionedSize: disk.provisionedSize, format: disk.format, allocation: disk.allocation };
    plan.ops.push(input.diskStep(disk, domains.get(storageDomainId!)!, shape));
    plan.created.disks.push(shape.id);
    return { shape, disk };
  });

  const job = await createJob({
    type: `import_${kind}`,
    description: `Importing ${kind === "vm" ? "VM" : "template"} ${name} ${input.from}`,
    actor,
    correlationId: input.correlationId,
    plan,
    objectType: kind,
    objectId: ownerId,
    createRows: async (tx, jobId) => {
      const row = { id: ownerId, name, description: ovf.description, cpus: ovf.cpus, memoryMb: ovf.memoryMb, clusterId, lockJobId: jobId };
      if (kind === "vm") await tx.vm.create({ data: { ...row, status: "image_locked" } });
      else await tx.template.create({ data: { ...row, status: "locked" } });
      for (const { shape, disk } of newDisks) {
        const owner = kind === "vm" ? { vmId: ownerId } : { templateId: ownerId };
        await createLockedDisk(tx, jobId, shape, { ...owner, interface: disk.interface, bootable: disk.bootable });
      }
    },
  });
  return { id: ownerId, diskIds: newDisks.map((d) => d.shape.id), job };
}
