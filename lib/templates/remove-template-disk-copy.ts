import "server-only";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { removeTemplateDiskCopySchema, type RemoveTemplateDiskCopyInput } from "@/lib/schemas/template";
import { loadDisk } from "@/lib/entities/load";
import { requireDiskUsable } from "@/lib/entities/require-state";
import { templateCopies } from "@/lib/disks/template-copies";
import { createJob } from "@/lib/jobs/create-job";
import { newPlan } from "@/lib/operations";
import { diskScopes, requirePermission } from "@/lib/auth/authorize";

const ACTION = "remove Template disk copy";

/**
 * Removes a template disk's copy from one domain, as oVirt's DELETE of a template disk with a
 * storage domain does: refused for the disk's last copy (remove the template instead) and for a
 * copy that thin VM disks are based on.
 */
export async function removeTemplateDiskCopy(input: RemoveTemplateDiskCopyInput, actor: Actor) {
  const data = parseInput(removeTemplateDiskCopySchema, input);
  const disk = await loadDisk(data.diskId);
  if (!disk.attachments.some((a) => a.templateId)) throw new AppError("VALIDATION", `Cannot ${ACTION}. Disk ${disk.alias} is not a template disk.`);
  requirePermission(actor, "manage_template", await diskScopes(disk.id), `remove a copy of template disk ${disk.alias}`);
  requireDiskUsable(disk, ACTION);
  const copies = await templateCopies(disk.id);
  const copy = copies.find((c) => c.storageDomain.id === data.storageDomainId);
  if (!copy) throw new AppError("NOT_FOUND", `Cannot ${ACTION}. Disk ${disk.alias} has no copy on storage domain ${data.storageDomainId}.`);
  if (copies.length === 1) throw new AppError("CONFLICT", `Cannot ${ACTION}. This is the last copy of disk ${disk.alias}; remove the template instead.`);
  const dependents = await db.volume.findMany({ where: { parentId: copy.volumeId }, include: { disk: true } });
  if (dependents.length) {
    throw new AppError("CONFLICT", `Cannot ${ACTION}. Disks ${[...new Set(dependents.map((d) => d.disk.alias))].join(", ")} are thin on the copy on ${copy.storageDomain.name}; move or clone them first.`);
  }

  const plan = newPlan();
  plan.locked.disks[disk.id] = disk.status;
  plan.commit.deleteVolumes.push(copy.volumeId);
  plan.removeAfterCommit.push(copy.path);
  const job = await createJob({
    type: "remove_template_disk_copy",
    description: `Removing the copy of template disk ${disk.alias} from ${copy.storageDomain.name}`,
    actor,
    correlationId: data.correlationId,
    plan,
    objectType: "disk",
    objectId: disk.id,
  });
  return { job };
}
