import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { importSchema, type ImportInput } from "@/lib/schemas/import-export";
import { checkPlacements, copyBytes } from "@/lib/storage-domains/placement";
import { requireFreeName, resolveClusterId } from "@/lib/entities/load";
import { collapseCopyOp } from "@/lib/disks/volume-ops";
import { createLockedDisk } from "@/lib/disks/disk-rows";
import { createJob } from "@/lib/jobs/create-job";
import { emptyPlan } from "@/lib/jobs/plan";
import { volumePath } from "@/lib/storage/layout";
import { getExported } from "./exported";
import { clusterScopes, domainScopes, requireDiskCreation, requirePermission } from "@/lib/auth/authorize";

/**
 * Imports a VM or template from an export domain, each disk to the data domain chosen for it
 * (or the default). The import gets new ids, so the same export can be imported again.
 */
export async function importObject(kind: "vm" | "template", input: ImportInput, actor: Actor) {
  const data = parseInput(importSchema, input);
  const action = kind === "vm" ? "import VM" : "import Template";
  const { domain: exportDomain, ovf } = await getExported(data.exportDomainId, kind === "vm" ? "vms" : "templates", data.id);
  if (exportDomain.status !== "active") throw new AppError("STORAGE_DOMAIN_INACTIVE", `Cannot ${action}. Export domain ${exportDomain.name} is ${exportDomain.status}.`);
  const name = data.name ?? ovf.name;
  await requireFreeName(kind, name);
  const unknown = data.disks.filter((d) => !ovf.disks.some((o) => o.diskId === d.diskId));
  if (unknown.length) throw new AppError("NOT_FOUND", `Cannot ${action}. ${ovf.name} has no disk ${unknown.map((d) => d.diskId).join(", ")}.`);
  const targets = ovf.disks.map((disk) => ({ disk, storageDomainId: data.disks.find((d) => d.diskId === disk.diskId)?.storageDomainId ?? data.defaultStorageDomainId }));
  const unplaced = targets.filter((t) => !t.storageDomainId);
  if (unplaced.length) throw new AppError("VALIDATION", `Cannot ${action}. Choose a storage domain for disk ${unplaced.map((t) => t.disk.alias).join(", ")}.`, { defaultStorageDomainId: "Required for disks without their own target" });
  const domains = await checkPlacements(
    action,
    targets.map((t, i) => ({ storageDomainId: t.storageDomainId!, bytes: copyBytes(t.disk.actualSize), what: `disk ${t.disk.alias}`, field: `disks.${i}.storageDomainId` })),
  );
  const clusterId = await resolveClusterId();
  requirePermission(actor, kind === "vm" ? "create_vm" : "create_template", await clusterScopes(clusterId), kind === "vm" ? "create VMs" : "create templates");
  requirePermission(actor, "view", await domainScopes(exportDomain.id), `read export domain ${exportDomain.name}`);
  await requireDiskCreation(actor, [...domains.values()]);

  const ownerId = randomUUID();
  const plan = emptyPlan();
  (kind === "vm" ? plan.created.vms : plan.created.templates).push(ownerId);
  const newDisks = targets.map(({ disk, storageDomainId }) => {
    const shape = { id: randomUUID(), alias: disk.alias, description: disk.description, provisionedSize: disk.provisionedSize, format: disk.format, allocation: disk.allocation };
    const target = domains.get(storageDomainId!)!;
    const source = { path: volumePath(exportDomain, disk.diskId, disk.volumeId), format: disk.format, weightBytes: disk.actualSize };
    plan.ops.push(collapseCopyOp({ label: `Import disk ${disk.alias} to ${target.name}`, source, target, disk: shape, track: true }));
    plan.created.disks.push(shape.id);
    return { shape, disk };
  });

  const job = await createJob({
    type: `import_${kind}`,
    description: `Importing ${kind === "vm" ? "VM" : "template"} ${name} from ${exportDomain.name}`,
    actor,
    correlationId: data.correlationId,
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
