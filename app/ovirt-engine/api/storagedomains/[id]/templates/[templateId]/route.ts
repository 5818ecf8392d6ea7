// GET /ovirt-engine/api/storagedomains/{id}/templates/{templateId}
import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { domainOwnerNode } from "@/lib/rest/resources/storage-domain-content";

export const GET = restRoute<{ id: string; templateId: string }>(async ({ actor, params }) => entityReply("template", await domainOwnerNode(actor, params.id, "templates", params.templateId)));
