import { addDisk } from "@/lib/disks/add-disk";
import { attachDisk } from "@/lib/disks/attach-disk";
import { restRoute } from "@/lib/rest/route";
import { createdReply, listReply } from "@/lib/rest/reply";
import { parseDiskAttachment } from "@/lib/rest/requests/disk-attachment";
import { attachmentNode, attachmentNodes } from "@/lib/rest/resources/disk-attachments";

// GET /ovirt-engine/api/vms/{id}/diskattachments (?follow=disk)
export const GET = restRoute<{ id: string }>(async ({ actor, params, query }) =>
  listReply("disk_attachments", "disk_attachment", await attachmentNodes(actor, { kind: "vm", id: params.id }, query.follow)),
);

// POST /ovirt-engine/api/vms/{id}/diskattachments: a new disk on the domain in <storage_domains>,
// or an existing floating disk (<disk id="…"/>). 201 with the attachment; poll the disk until ok.
export const POST = restRoute<{ id: string }>(async ({ actor, params, query, body }) => {
  const request = await parseDiskAttachment(await body("disk_attachment"), params.id, query.correlationId);
  const diskId = request.kind === "attach" ? (await attachDisk(request.input, actor)).diskId : (await addDisk(request.input, actor)).diskId;
  return createdReply("disk_attachment", await attachmentNode(actor, { kind: "vm", id: params.id }, diskId, []));
});
