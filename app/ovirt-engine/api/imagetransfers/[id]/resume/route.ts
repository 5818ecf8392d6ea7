// POST /ovirt-engine/api/imagetransfers/{id}/resume: a transfer paused by its client or by the
// system (timeout policy pause or legacy) opens for data again.
import { restRoute } from "@/lib/rest/route";
import { completeReply } from "@/lib/rest/reply";
import { readAction } from "@/lib/rest/requests/action";
import { resumeTransfer } from "@/lib/image-transfers/transfer-actions";

export const POST = restRoute<{ id: string }>(async (context) => {
  await readAction(context);
  await resumeTransfer({ transferId: context.params.id }, context.actor);
  return completeReply();
});
