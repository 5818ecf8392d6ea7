import "server-only";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { copyTemplateDiskSchema, type CopyTemplateDiskInput } from "@/lib/schemas/template";
import { checkPlacements, copyBytes } from "@/lib/storage-domains/placement";
import { loadDisk } from "@/lib/entities/load";
import { requireDiskUsable } from "@/lib/entities/require-state";
import { readableTemplateCopy, templateCopies } from "@/lib/disks/template-copies";
import { collapseCopyOp } from "@/lib/disks/volume-ops";
import { createJob } from "@/lib/jobs/create-job";
import { newPlan } from "@/lib/operations";
import { diskScopes, requireDiskCreation, requirePermission } from "@/lib/auth/authorize";

const ACTION = "copy Template disk";

/** Adds copies of a template disk on more domains, so thin VM disks can live there too. */
export async function copyTemplateDisk(input: CopyTemplateDiskInput, actor: Actor) {
  const data = parseInput(copyTemplateDiskSchema, input);
  const disk = await loadDisk(data.diskId);
  if (!disk.attachments.some((a) => a.templateId)) throw new AppError("VALIDATION", `Cannot ${ACTION}. Disk ${disk.alias} is not a template disk.`);
  requirePermission(actor, "manage_template", await diskScopes(disk.id), `copy template disk ${disk.alias}`);
  requireDiskUsable(disk, ACTION);
  const copies = await templateCopies(disk.id);
  const already = data.storageDomainIds.filter((id) => copies.some((c) => c.storageDomain.id === id));
  if (already.length) throw new AppError("CONFLICT", `Cannot ${ACTION}. Disk ${disk.alias} already has a copy on ${already.map((id) => copies.find((c) => c.storageDomain.id === id)!.storageDomain.name).join(", ")}.`);

  const source = await readableTemplateCopy(disk.id, "", ACTION);
  const domains = await checkPlacements(
    ACTION,
    data.storageDomainIds.map((id, i) => ({ storageDomainId: id, bytes: copyBytes(source.actualSize), what: `disk ${disk.alias}`, field: `storageDomainIds.${i}` })),
  );
  await requireDiskCreation(actor, [...domains.values()]);
  const plan = newPlan();
  plan.locked.disks[disk.id] = disk.status;
  for (const id of data.storageDomainIds) {
    const target = domains.get(id)!;
    const shape = { id: disk.id, alias: disk.alias, provisionedSize: Number(disk.provisionedSize), format: source.format, allocation: disk.allocation };
    plan.ops.push(collapseCopyOp({ label: `Copy template disk ${disk.alias} to ${target.name}`, source: { ...source, weightBytes: source.actualSize }, target, disk: shape, track: true }));
  }
  const job = await createJob({
    type: "copy_template_disk",
    description: `Copying template disk ${disk.alias} to ${data.storageDomainIds.map((id) => domains.get(id)!.name).join(", ")}`,
    actor,
    correlationId: data.correlationId,
    plan,
    objectType: "disk",
    objectId: disk.id,
  });
  return { job };
}
