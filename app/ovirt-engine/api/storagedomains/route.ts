// GET /ovirt-engine/api/storagedomains (?search=name=nfs*)
import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { storageDomainNodes } from "@/lib/rest/resources/storage-domains";

export const GET = restRoute(async ({ actor, query }) => listReply("storage_domains", "storage_domain", await storageDomainNodes(actor, query)));
