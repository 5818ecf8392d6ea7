// GET /ovirt-engine/api/datacenters/{id}/storagedomains/{storageDomainId}
import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { storageDomainEntityNode } from "@/lib/rest/resources/storage-domains";

export const GET = restRoute<{ id: string; storageDomainId: string }>(async ({ actor, params }) =>
  entityReply("storage_domain", await storageDomainEntityNode(actor, params.storageDomainId, params.id)),
);
