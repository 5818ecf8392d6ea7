// GET /ovirt-engine/api/jobs (?search=correlation_id=X, newest first); POST adds an external job
// (Ansible's ovirt_job), which its client ends.
import { addExternalJob } from "@/lib/jobs/external-jobs";
import { restRoute } from "@/lib/rest/route";
import { createdReply, listReply } from "@/lib/rest/reply";
import { parseExternalJob } from "@/lib/rest/requests/job-actions";
import { jobEntityNode, jobNodes } from "@/lib/rest/resources/jobs";

export const GET = restRoute(async ({ actor, query }) => listReply("jobs", "job", await jobNodes(actor, query)));

export const POST = restRoute(async ({ actor, body }) => {
  const job = await addExternalJob(parseExternalJob(await body("job")), actor);
  return createdReply("job", await jobEntityNode(actor, job.id));
});
