import "server-only";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { listDiskAttachments } from "@/lib/queries/disk-attachments";
import { getTemplate } from "@/lib/queries/list-templates";
import { getVm } from "@/lib/queries/list-vms";
import { diskAttachmentNode, type AttachmentOwner } from "../serialize/disk-attachment";
import { BLANK_TEMPLATE_ID } from "../serialize/blank-template";
import { followSet } from "./pages";

// /vms/{id}/diskattachments and /templates/{id}/diskattachments.

async function ownerRows(actor: Actor, owner: AttachmentOwner) {
  if (owner.kind === "template" && owner.id === BLANK_TEMPLATE_ID) return [];
  await (owner.kind === "vm" ? getVm(owner.id, actor) : getTemplate(owner.id, actor));
  return listDiskAttachments(owner.kind === "vm" ? { vmId: owner.id } : { templateId: owner.id });
}

export async function attachmentNodes(actor: Actor, owner: AttachmentOwner, follow: string[]) {
  const followDisk = followSet(follow, ["disk"]).has("disk");
  return (await ownerRows(actor, owner)).map((row) => diskAttachmentNode(owner, row.attachment, row.disk, followDisk));
}

export async function attachmentNode(actor: Actor, owner: AttachmentOwner, diskId: string, follow: string[]) {
  const followDisk = followSet(follow, ["disk"]).has("disk");
  const row = (await ownerRows(actor, owner)).find((r) => r.disk.id === diskId);
  if (!row) throw new AppError("NOT_FOUND", `Disk attachment ${diskId} doesn't exist on ${owner.kind === "vm" ? "VM" : "template"} ${owner.id}.`);
  return diskAttachmentNode(owner, row.attachment, row.disk, followDisk);
}
