// POST /ovirt-engine/api/storagedomains/{id}/updateovfstore: writes the domain's OVF store now.
import { restRoute } from "@/lib/rest/route";
import { completeReply } from "@/lib/rest/reply";
import { readAction } from "@/lib/rest/requests/action";
import { parseEmptyAction } from "@/lib/rest/requests/empty-action";
import { updateOvfStore } from "@/lib/storage-domains/update-ovf-store-action";

export const POST = restRoute<{ id: string }>(async (context) => {
  const { action } = await readAction(context);
  parseEmptyAction(action);
  await updateOvfStore({ storageDomainId: context.params.id }, context.actor);
  return completeReply();
});
