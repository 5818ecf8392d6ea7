// POST /ovirt-engine/api/imagetransfers/{id}/pause: data requests are refused until it resumes.
import { restRoute } from "@/lib/rest/route";
import { completeReply } from "@/lib/rest/reply";
import { readAction } from "@/lib/rest/requests/action";
import { pauseTransfer } from "@/lib/image-transfers/transfer-actions";

export const POST = restRoute<{ id: string }>(async (context) => {
  await readAction(context);
  await pauseTransfer({ transferId: context.params.id }, context.actor);
  return completeReply();
});
