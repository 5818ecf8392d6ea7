// GET /ovirt-engine/api/jobs/{id} (?follow=steps)
import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { jobEntityNode } from "@/lib/rest/resources/jobs";

export const GET = restRoute<{ id: string }>(async ({ actor, params, query }) => entityReply("job", await jobEntityNode(actor, params.id, query.follow)));
