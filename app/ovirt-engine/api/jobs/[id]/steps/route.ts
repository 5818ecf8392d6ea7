// GET /ovirt-engine/api/jobs/{id}/steps
import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { stepNodes } from "@/lib/rest/resources/jobs";

export const GET = restRoute<{ id: string }>(async ({ actor, params }) => listReply("steps", "step", await stepNodes(actor, params.id)));
