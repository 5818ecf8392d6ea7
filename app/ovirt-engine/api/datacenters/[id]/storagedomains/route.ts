import { restRoute } from "@/lib/rest/route";
import { createdReply, listReply } from "@/lib/rest/reply";
import { parseAttachStorageDomain } from "@/lib/rest/requests/storage-domain";
import { storageDomainIdOf } from "@/lib/rest/requests/refs";
import { storageDomainEntityNode, storageDomainNodes } from "@/lib/rest/resources/storage-domains";
import { attachStorageDomain } from "@/lib/storage-domains/domain-lifecycle";

// GET /ovirt-engine/api/datacenters/{id}/storagedomains: the domains of a data center, with their status there.
export const GET = restRoute<{ id: string }>(async ({ actor, params, query }) => listReply("storage_domains", "storage_domain", await storageDomainNodes(actor, query, params.id)));

// POST /ovirt-engine/api/datacenters/{id}/storagedomains: attaches an unattached domain (it turns
// active once it verifies).
export const POST = restRoute<{ id: string }>(async ({ actor, params, body }) => {
  const storageDomainId = await storageDomainIdOf(parseAttachStorageDomain(await body("storage_domain")));
  await storageDomainEntityNode(actor, storageDomainId);
  await attachStorageDomain({ storageDomainId, dataCenterId: params.id }, actor);
  return createdReply("storage_domain", await storageDomainEntityNode(actor, storageDomainId, params.id));
});
