// GET /ovirt-engine/api/storagedomains/{id}/vms: on an export domain the VMs that can be
// imported; on a data domain the VMs with a disk there.
import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { domainOwnerNodes } from "@/lib/rest/resources/storage-domain-content";

export const GET = restRoute<{ id: string }>(async ({ actor, params, query }) => listReply("vms", "vm", await domainOwnerNodes(actor, params.id, "vms", query)));
