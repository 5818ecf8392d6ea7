// GET /ovirt-engine/api/storagedomains/{id}/vms/{vmId}
import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { domainOwnerNode } from "@/lib/rest/resources/storage-domain-content";

export const GET = restRoute<{ id: string; vmId: string }>(async ({ actor, params }) => entityReply("vm", await domainOwnerNode(actor, params.id, "vms", params.vmId)));
