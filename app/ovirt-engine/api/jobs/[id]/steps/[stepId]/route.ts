// GET /ovirt-engine/api/jobs/{id}/steps/{stepId}
import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { stepEntityNode } from "@/lib/rest/resources/jobs";

export const GET = restRoute<{ id: string; stepId: string }>(async ({ actor, params }) => entityReply("step", await stepEntityNode(actor, params.id, params.stepId)));
