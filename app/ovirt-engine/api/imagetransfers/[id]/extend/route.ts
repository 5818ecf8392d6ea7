// POST /ovirt-engine/api/imagetransfers/{id}/extend: renews the transfer's inactivity clock.
import { restRoute } from "@/lib/rest/route";
import { completeReply } from "@/lib/rest/reply";
import { readAction } from "@/lib/rest/requests/action";
import { extendTransfer } from "@/lib/image-transfers/transfer-actions";

export const POST = restRoute<{ id: string }>(async (context) => {
  await readAction(context);
  await extendTransfer({ transferId: context.params.id }, context.actor);
  return completeReply();
});
