// GET /ovirt-engine/api/storagedomains/{id}/vms/{vmId}/disks: the disks to map at import.
import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { domainOwnerDiskNodes } from "@/lib/rest/resources/storage-domain-content";

export const GET = restRoute<{ id: string; vmId: string }>(async ({ actor, params }) => listReply("disks", "disk", await domainOwnerDiskNodes(actor, params.id, "vms", params.vmId)));
