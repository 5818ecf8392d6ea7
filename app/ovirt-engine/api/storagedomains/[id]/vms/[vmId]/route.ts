// GET /ovirt-engine/api/storagedomains/{id}/vms/{vmId}
import { restRoute } from "@/lib/rest/route";
import { removeExported } from "@/lib/transfer/remove-exported";
import { completeReply, entityReply } from "@/lib/rest/reply";
import { domainOwnerNode } from "@/lib/rest/resources/storage-domain-content";

export const GET = restRoute<{ id: string; vmId: string }>(async ({ actor, params }) => entityReply("vm", await domainOwnerNode(actor, params.id, "vms", params.vmId)));

// DELETE /ovirt-engine/api/storagedomains/{id}/vms/{vmId}: removes it from the export domain, with its disk images.
export const DELETE = restRoute<{ id: string; vmId: string }>(async ({ actor, params }) => {
  await removeExported({ storageDomainId: params.id, kind: "vms", id: params.vmId }, actor);
  return completeReply();
});
