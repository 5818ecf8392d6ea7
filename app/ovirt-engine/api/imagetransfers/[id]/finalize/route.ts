// POST /ovirt-engine/api/imagetransfers/{id}/finalize: the data is all there; the job makes the
// disk from it (an upload) or releases the disk (a download). Clients then poll the phase.
import { restRoute } from "@/lib/rest/route";
import { completeReply } from "@/lib/rest/reply";
import { readAction } from "@/lib/rest/requests/action";
import { finalizeTransfer } from "@/lib/image-transfers/transfer-actions";

export const POST = restRoute<{ id: string }>(async (context) => {
  await readAction(context);
  await finalizeTransfer({ transferId: context.params.id }, context.actor);
  return completeReply();
});
