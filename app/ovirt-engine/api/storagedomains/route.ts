import { restRoute } from "@/lib/rest/route";
import { createdReply, listReply } from "@/lib/rest/reply";
import { parseAddStorageDomain } from "@/lib/rest/requests/storage-domain";
import { storageDomainEntityNode, storageDomainNodes } from "@/lib/rest/resources/storage-domains";
import { addStorageDomain } from "@/lib/storage-domains/manage-storage-domains";
import { importStorageDomain } from "@/lib/storage-domains/domain-lifecycle";

// GET /ovirt-engine/api/storagedomains (?search=name=nfs*)
export const GET = restRoute(async ({ actor, query }) => listReply("storage_domains", "storage_domain", await storageDomainNodes(actor, query)));

// POST /ovirt-engine/api/storagedomains: a new domain on a mounted path, or (<import>true</import>)
// the existing domain found there. Both start unattached, as in oVirt.
export const POST = restRoute(async ({ actor, body }) => {
  const request = parseAddStorageDomain(await body("storage_domain"));
  const domain = request.kind === "add" ? await addStorageDomain(request.input, actor) : await importStorageDomain(request.input, actor);
  return createdReply("storage_domain", await storageDomainEntityNode(actor, domain.id));
});
