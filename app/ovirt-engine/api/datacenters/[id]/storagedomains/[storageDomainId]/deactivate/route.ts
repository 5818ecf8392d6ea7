// POST /ovirt-engine/api/datacenters/{id}/storagedomains/{storageDomainId}/deactivate: puts a domain into maintenance; refused while its disks are busy.
import { setStorageDomainStatus } from "@/lib/storage-domains/manage-storage-domains";
import { restRoute } from "@/lib/rest/route";
import { completeReply } from "@/lib/rest/reply";
import { readAction } from "@/lib/rest/requests/action";
import { parseEmptyAction } from "@/lib/rest/requests/empty-action";
import { storageDomainEntityNode } from "@/lib/rest/resources/storage-domains";

export const POST = restRoute<{ id: string; storageDomainId: string }>(async (context) => {
  const { action } = await readAction(context);
  parseEmptyAction(action);
  await storageDomainEntityNode(context.actor, context.params.storageDomainId, context.params.id);
  await setStorageDomainStatus({ storageDomainId: context.params.storageDomainId, status: "maintenance" }, context.actor);
  return completeReply();
});
