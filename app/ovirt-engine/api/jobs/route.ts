// GET /ovirt-engine/api/jobs (?search=correlation_id=X, newest first)
import { AppError } from "@/lib/errors";
import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { jobNodes } from "@/lib/rest/resources/jobs";

export const GET = restRoute(async ({ actor, query }) => listReply("jobs", "job", await jobNodes(actor, query)));

// POST /ovirt-engine/api/jobs: the engine's external jobs (ovirt_job) are not kept here.
export const POST = restRoute(async () => {
  throw new AppError("METHOD_NOT_ALLOWED", "External jobs are not supported: the portal's jobs are its own operations, each started by the request that needs it.");
});
