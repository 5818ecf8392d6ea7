import "server-only";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { deleteTemplateSchema } from "@/lib/schemas/template";
import { loadTemplate } from "@/lib/entities/load";
import { createJob } from "@/lib/jobs/create-job";
import { newPlan } from "@/lib/operations";
import { volumePath } from "@/lib/storage/layout";
import { requirePermission, templateScopes } from "@/lib/auth/authorize";

/** Deletes a template and every copy of its disks; refused while VMs are thin on it. */
export async function deleteTemplate(input: { templateId: string; correlationId?: string }, actor: Actor) {
  const data = parseInput(deleteTemplateSchema, input);
  const template = await loadTemplate(data.templateId);
  requirePermission(actor, "manage_template", await templateScopes(template.id), `remove template ${template.name}`);
  if (template.lockJobId) throw new AppError("CONFLICT", `Cannot remove Template. Template ${template.name} is locked by another operation.`);
  const diskIds = template.attachments.map((a) => a.diskId);
  const volumes = await db.volume.findMany({ where: { diskId: { in: diskIds } }, include: { storageDomain: true } });
  const dependents = await db.volume.findMany({ where: { parentId: { in: volumes.map((v) => v.id) } }, include: { disk: true } });
  if (dependents.length) {
    throw new AppError("CONFLICT", `Cannot remove Template. Disks ${[...new Set(dependents.map((d) => d.disk.alias))].join(", ")} are thin on it; remove or clone them first.`);
  }
  const plan = newPlan();
  plan.locked.templates[template.id] = template.status;
  plan.commit.deleteDisks.push(...diskIds);
  plan.commit.deleteTemplates.push(template.id);
  plan.removeAfterCommit.push(...volumes.map((v) => volumePath(v.storageDomain, v.diskId, v.id)));
  const job = await createJob({ type: "remove_template", description: `Removing template ${template.name}`, actor, correlationId: data.correlationId, plan, objectType: "template", objectId: template.id });
  return { job };
}
