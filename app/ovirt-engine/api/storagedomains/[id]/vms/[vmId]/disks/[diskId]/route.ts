// GET /ovirt-engine/api/storagedomains/{id}/vms/{vmId}/disks/{diskId}
import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { domainOwnerDiskNode } from "@/lib/rest/resources/storage-domain-content";

export const GET = restRoute<{ id: string; vmId: string; diskId: string }>(async ({ actor, params }) =>
  entityReply("disk", await domainOwnerDiskNode(actor, params.id, "vms", params.vmId, params.diskId)),
);
