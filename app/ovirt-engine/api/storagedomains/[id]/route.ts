import { restRoute } from "@/lib/rest/route";
import { completeReply, entityReply } from "@/lib/rest/reply";
import { parseUpdateStorageDomain } from "@/lib/rest/requests/storage-domain";
import { storageDomainEntityNode } from "@/lib/rest/resources/storage-domains";
import { updateStorageDomain } from "@/lib/storage-domains/manage-storage-domains";
import { removeStorageDomain } from "@/lib/storage-domains/domain-lifecycle";

// GET /ovirt-engine/api/storagedomains/{id}
export const GET = restRoute<{ id: string }>(async ({ actor, params }) => entityReply("storage_domain", await storageDomainEntityNode(actor, params.id)));

// PUT /ovirt-engine/api/storagedomains/{id}: name, description and space thresholds.
export const PUT = restRoute<{ id: string }>(async ({ actor, params, body }) => {
  await storageDomainEntityNode(actor, params.id);
  await updateStorageDomain(parseUpdateStorageDomain(await body("storage_domain"), params.id), actor);
  return entityReply("storage_domain", await storageDomainEntityNode(actor, params.id));
});

// DELETE /ovirt-engine/api/storagedomains/{id}[?format=true]: removes a detached domain (and with
// format its files).
export const DELETE = restRoute<{ id: string }>(async ({ actor, params, query }) => {
  await storageDomainEntityNode(actor, params.id);
  await removeStorageDomain({ storageDomainId: params.id, format: query.format ?? false }, actor);
  return completeReply();
});
