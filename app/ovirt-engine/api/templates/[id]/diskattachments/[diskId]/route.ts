// GET /ovirt-engine/api/templates/{id}/diskattachments/{diskId}
import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { attachmentNode } from "@/lib/rest/resources/disk-attachments";

export const GET = restRoute<{ id: string; diskId: string }>(async ({ actor, params, query }) =>
  entityReply("disk_attachment", await attachmentNode(actor, { kind: "template", id: params.id }, params.diskId, query.follow)),
);
