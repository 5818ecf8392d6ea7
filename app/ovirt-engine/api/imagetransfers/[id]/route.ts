// GET /ovirt-engine/api/imagetransfers/{id}: clients poll its phase.
import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { imageTransferNode } from "@/lib/rest/serialize/image-transfer";
import { getTransfer } from "@/lib/image-transfers/transfer-view";

export const GET = restRoute<{ id: string }>(async ({ actor, origin, params }) => entityReply("image_transfer", imageTransferNode(await getTransfer(params.id, actor), origin)));
