// GET /ovirt-engine/api/storagedomains/{id}/templates: on an export domain the templates that can be
// imported; on a data domain the templates with a disk there.
import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { domainOwnerNodes } from "@/lib/rest/resources/storage-domain-content";

export const GET = restRoute<{ id: string }>(async ({ actor, params, query }) => listReply("templates", "template", await domainOwnerNodes(actor, params.id, "templates", query)));
