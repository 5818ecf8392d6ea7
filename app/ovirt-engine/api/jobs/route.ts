// GET /ovirt-engine/api/jobs (?search=correlation_id=X, newest first)
import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { jobNodes } from "@/lib/rest/resources/jobs";

export const GET = restRoute(async ({ actor, query }) => listReply("jobs", "job", await jobNodes(actor, query)));
