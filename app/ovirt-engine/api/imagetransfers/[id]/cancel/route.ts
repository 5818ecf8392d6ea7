// POST /ovirt-engine/api/imagetransfers/{id}/cancel: the job rolls back; a cancelled upload into
// a floating disk removes the disk, as the engine does.
import { restRoute } from "@/lib/rest/route";
import { completeReply } from "@/lib/rest/reply";
import { readAction } from "@/lib/rest/requests/action";
import { cancelTransfer } from "@/lib/image-transfers/transfer-actions";

export const POST = restRoute<{ id: string }>(async (context) => {
  await readAction(context);
  await cancelTransfer({ transferId: context.params.id }, context.actor);
  return completeReply();
});
