// GET /ovirt-engine/api/imagetransfers; POST starts one (201; phase initializing, then transferring).
import { restRoute } from "@/lib/rest/route";
import { createdReply, listReply } from "@/lib/rest/reply";
import { parseStartTransfer } from "@/lib/rest/requests/image-transfer";
import { imageTransferNode } from "@/lib/rest/serialize/image-transfer";
import { startTransfer } from "@/lib/image-transfers/start-transfer";
import { getTransfer, listTransfers } from "@/lib/image-transfers/transfer-view";

export const GET = restRoute(async ({ actor, origin }) => listReply("image_transfers", "image_transfer", (await listTransfers(actor)).map((t) => imageTransferNode(t, origin))));

export const POST = restRoute(async ({ actor, origin, query, body }) => {
  const { transferId } = await startTransfer(parseStartTransfer(await body("image_transfer"), query.correlationId), actor);
  return createdReply("image_transfer", imageTransferNode(await getTransfer(transferId, actor), origin));
});
