import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { cloneTemplateSchema, type CloneTemplateInput } from "@/lib/schemas/template";
import { checkPlacements, copyBytes } from "@/lib/storage-domains/placement";
import { loadTemplate, requireFreeName } from "@/lib/entities/load";
import { requireDiskUsable } from "@/lib/entities/require-state";
import { readableTemplateCopy } from "@/lib/disks/template-copies";
import { collapseCopyOp } from "@/lib/disks/volume-ops";
import { createLockedTemplate } from "./template-rows";
import { createJob } from "@/lib/jobs/create-job";
import { newPlan } from "@/lib/operations";
import { clusterScopes, requireDiskCreation, requirePermission, templateScopes } from "@/lib/auth/authorize";

const ACTION = "clone Template";

/** A new template whose disks are full copies of another's, each on the domain chosen for it. */
export async function cloneTemplate(input: CloneTemplateInput, actor: Actor) {
  const data = parseInput(cloneTemplateSchema, input);
  const source = await loadTemplate(data.templateId);
  if (source.status !== "ok") throw new AppError("CONFLICT", `Cannot ${ACTION}. Template ${source.name} is ${source.status}.`);
  requirePermission(actor, "create_template", await clusterScopes(source.clusterId), "create templates");
  requirePermission(actor, "view", await templateScopes(source.id), `read template ${source.name}`);
  await requireFreeName("template", data.name);
  const unknown = data.disks.filter((d) => !source.attachments.some((a) => a.diskId === d.diskId));
  if (unknown.length) throw new AppError("NOT_FOUND", `Cannot ${ACTION}. Template ${source.name} has no disk ${unknown.map((d) => d.diskId).join(", ")}.`);

  const targets = [];
  for (const attachment of source.attachments) {
    requireDiskUsable(attachment.disk, ACTION);
    const asked = data.disks.find((d) => d.diskId === attachment.diskId);
    const preferred = asked?.storageDomainId ?? data.defaultStorageDomainId;
    const copy = await readableTemplateCopy(attachment.diskId, preferred ?? "", ACTION);
    targets.push({ attachment, copy, storageDomainId: preferred ?? copy.storageDomain.id, alias: asked?.alias ?? attachment.disk.alias });
  }
  const domains = await checkPlacements(
    ACTION,
    targets.map((t, i) => ({ storageDomainId: t.storageDomainId, bytes: copyBytes(t.copy.actualSize), what: `disk ${t.alias}`, field: `disks.${i}.storageDomainId` })),
  );

  await requireDiskCreation(actor, [...domains.values()]);
  const templateId = randomUUID();
  const plan = newPlan();
  plan.created.templates.push(templateId);
  plan.locked.templates[source.id] = source.status;
  const newDisks = targets.map((t) => {
    const sourceDisk = t.attachment.disk;
    const disk = { id: randomUUID(), alias: t.alias, provisionedSize: Number(sourceDisk.provisionedSize), format: t.copy.format, allocation: sourceDisk.allocation };
    const target = domains.get(t.storageDomainId)!;
    plan.ops.push(collapseCopyOp({ label: `Copy disk ${sourceDisk.alias} to ${target.name}`, source: { ...t.copy, weightBytes: t.copy.actualSize }, target, disk, track: true }));
    plan.created.disks.push(disk.id);
    return { disk, attachment: t.attachment };
  });

  const job = await createJob({
    type: "clone_template",
    description: `Cloning template ${source.name} as ${data.name}`,
    actor,
    correlationId: data.correlationId,
    plan,
    objectType: "template",
    objectId: templateId,
    createRows: (tx, jobId) =>
      createLockedTemplate(tx, jobId, { id: templateId, name: data.name, description: data.description, cpus: source.cpus, memoryMb: source.memoryMb, clusterId: source.clusterId }, newDisks),
  });
  return { templateId, diskIds: newDisks.map((d) => d.disk.id), job };
}
