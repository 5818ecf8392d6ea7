import { restRoute } from "@/lib/rest/route";
import { completeReply, entityReply } from "@/lib/rest/reply";
import { storageDomainEntityNode } from "@/lib/rest/resources/storage-domains";
import { detachStorageDomain } from "@/lib/storage-domains/domain-lifecycle";

// GET /ovirt-engine/api/datacenters/{id}/storagedomains/{storageDomainId}
export const GET = restRoute<{ id: string; storageDomainId: string }>(async ({ actor, params }) =>
  entityReply("storage_domain", await storageDomainEntityNode(actor, params.storageDomainId, params.id)),
);

// DELETE /ovirt-engine/api/datacenters/{id}/storagedomains/{storageDomainId}: detaches a domain in
// maintenance that holds no disks.
export const DELETE = restRoute<{ id: string; storageDomainId: string }>(async ({ actor, params }) => {
  await storageDomainEntityNode(actor, params.storageDomainId, params.id);
  await detachStorageDomain({ storageDomainId: params.storageDomainId }, actor);
  return completeReply();
});
