import "server-only";
import { existsSync } from "node:fs";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { exportSchema, type ExportInput } from "@/lib/schemas/import-export";
import { collapseCopyOp } from "@/lib/disks/volume-ops";
import { createJob } from "@/lib/jobs/create-job";
import { newPlan } from "@/lib/operations";
import { domainSpace } from "@/lib/storage/driver";
import { ovfPath, volumePath } from "@/lib/storage/layout";
import { buildOvf, type OvfDisk } from "./ovf";
import { requireDiskCreation } from "@/lib/auth/authorize";
import { loadExportable } from "./exportable";
import { getExported, loadExportDomain } from "./exported";

/** Exports a down VM or a template to an export domain: each disk collapsed to one image, plus the OVF. */
export async function exportObject(kind: "vm" | "template", input: ExportInput, actor: Actor) {
  const data = parseInput(exportSchema, input);
  const action = kind === "vm" ? "export VM" : "export Template";
  const domain = await loadExportDomain(data.storageDomainId);
  if (domain.status !== "active") throw new AppError("STORAGE_DOMAIN_INACTIVE", `Cannot ${action}. Export domain ${domain.name} is ${domain.status}.`);
  const { owner, disks } = await loadExportable(kind, data.id, action, actor);
  await requireDiskCreation(actor, [domain]);
  const folder = kind === "vm" ? "vms" : "templates";
  const previous = existsSync(ovfPath(domain, folder, owner.id)) ? (await getExported(domain.id, folder, owner.id)).ovf : null;
  if (previous && !data.overwrite) throw new AppError("CONFLICT", `Cannot ${action}. ${owner.name} is already on export domain ${domain.name}; choose to overwrite it.`);

  const plan = newPlan();
  const ovfDisks: OvfDisk[] = [];
  let needed = 0;
  for (const { disk, attachment, source } of disks) {
    const shape = { id: disk.id, alias: disk.alias, provisionedSize: Number(disk.provisionedSize), format: disk.format as "qcow2" | "raw", allocation: disk.allocation };
    const op = collapseCopyOp({ label: `Export disk ${disk.alias} to ${domain.name}`, source, target: domain, disk: shape, track: false });
    plan.ops.push(op);
    needed += source.weightBytes;
    ovfDisks.push({ diskId: disk.id, volumeId: op.meta.volumeId, alias: disk.alias, description: disk.description, provisionedSize: shape.provisionedSize, actualSize: source.weightBytes, format: shape.format, allocation: shape.allocation as "thin" | "preallocated", interface: attachment.interface, bootable: attachment.bootable });
  }
  if ((await domainSpace(domain)).freeBytes - needed < domain.criticalSpaceGb * 1024 ** 3) {
    throw new AppError("INSUFFICIENT_SPACE", `Cannot ${action}. Export domain ${domain.name} lacks space.`);
  }
  plan.ops.push({
    kind: "write-file",
    label: `Write OVF of ${owner.name}`,
    path: ovfPath(domain, folder, owner.id),
    content: buildOvf({ kind, id: owner.id, name: owner.name, description: owner.description, cpus: owner.cpus, memoryMb: owner.memoryMb, exportedAt: new Date().toISOString(), disks: ovfDisks }),
  });
  if (previous) plan.removeAfterCommit.push(...previous.disks.map((d) => volumePath(domain, d.diskId, d.volumeId)));
  if (kind === "vm") plan.locked.vms[owner.id] = owner.status;
  else plan.locked.templates[owner.id] = owner.status;
  const job = await createJob({ type: `export_${kind}`, description: `Exporting ${kind === "vm" ? "VM" : "template"} ${owner.name} to ${domain.name}`, actor, correlationId: data.correlationId, plan, objectType: kind, objectId: owner.id });
  return { job };
}
