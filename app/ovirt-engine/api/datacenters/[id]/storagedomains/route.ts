// GET /ovirt-engine/api/datacenters/{id}/storagedomains: the domains of a data center, with their status there.
import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { storageDomainNodes } from "@/lib/rest/resources/storage-domains";

export const GET = restRoute<{ id: string }>(async ({ actor, params, query }) => listReply("storage_domains", "storage_domain", await storageDomainNodes(actor, query, params.id)));
