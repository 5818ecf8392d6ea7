import { detachDisk } from "@/lib/disks/attach-disk";
import { deleteDisk } from "@/lib/disks/delete-disk";
import { restRoute } from "@/lib/rest/route";
import { completeReply, entityReply } from "@/lib/rest/reply";
import { jobActionReply } from "@/lib/rest/job-reply";
import { attachmentNode } from "@/lib/rest/resources/disk-attachments";

// GET /ovirt-engine/api/vms/{id}/diskattachments/{diskId}
export const GET = restRoute<{ id: string; diskId: string }>(async ({ actor, params, query }) =>
  entityReply("disk_attachment", await attachmentNode(actor, { kind: "vm", id: params.id }, params.diskId, query.follow)),
);

// DELETE /ovirt-engine/api/vms/{id}/diskattachments/{diskId}: detaches (the disk stays, floating);
// ?detach_only=false removes the disk too.
export const DELETE = restRoute<{ id: string; diskId: string }>(async ({ actor, params, query }) => {
  await attachmentNode(actor, { kind: "vm", id: params.id }, params.diskId, []);
  if (query.detachOnly === false) {
    const { job } = await deleteDisk({ diskId: params.diskId, correlationId: query.correlationId }, actor);
    return jobActionReply(job, query, { status: 200 });
  }
  await detachDisk({ vmId: params.id, diskId: params.diskId }, actor);
  return completeReply();
});
