import { AppError } from "@/lib/errors";
import { restRoute } from "@/lib/rest/route";
import { jobActionReply } from "@/lib/rest/job-reply";
import { attachmentNode } from "@/lib/rest/resources/disk-attachments";
import { removeTemplateDiskCopy } from "@/lib/templates/remove-template-disk-copy";

// DELETE /ovirt-engine/api/templates/{id}/disks/{diskId}?storage_domain={sd}: the template disk's
// copy on that domain goes; its other copies stay (the last one goes only with the template).
export const DELETE = restRoute<{ id: string; diskId: string }>(async ({ actor, params, query }) => {
  await attachmentNode(actor, { kind: "template", id: params.id }, params.diskId, []);
  if (!query.storageDomain) throw new AppError("VALIDATION", "Name the storage domain whose copy to remove: ?storage_domain={id}. A template's last copy goes only with the template (DELETE /templates/{id}).");
  const { job } = await removeTemplateDiskCopy({ diskId: params.diskId, storageDomainId: query.storageDomain, correlationId: query.correlationId }, actor);
  return jobActionReply(job, query, { status: 200 });
});
