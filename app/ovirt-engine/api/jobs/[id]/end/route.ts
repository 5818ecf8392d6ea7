// POST /ovirt-engine/api/jobs/{id}/end: <action><succeeded>true|false</succeeded></action> ends an
// external job as finished or failed; on a portal job only succeeded=false is taken (a cancel:
// it rolls back and ends "aborted").
import { endJob } from "@/lib/jobs/end-job";
import { restRoute } from "@/lib/rest/route";
import { completeReply } from "@/lib/rest/reply";
import { readAction } from "@/lib/rest/requests/action";
import { parseEndJob } from "@/lib/rest/requests/job-actions";

export const POST = restRoute<{ id: string }>(async (context) => {
  const { action } = await readAction(context);
  await endJob({ jobId: context.params.id, ...parseEndJob(action) }, context.actor);
  return completeReply();
});
