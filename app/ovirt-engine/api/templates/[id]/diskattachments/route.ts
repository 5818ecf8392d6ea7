// GET /ovirt-engine/api/templates/{id}/diskattachments (?follow=disk)
import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { attachmentNodes } from "@/lib/rest/resources/disk-attachments";

export const GET = restRoute<{ id: string }>(async ({ actor, params, query }) =>
  listReply("disk_attachments", "disk_attachment", await attachmentNodes(actor, { kind: "template", id: params.id }, query.follow)),
);
