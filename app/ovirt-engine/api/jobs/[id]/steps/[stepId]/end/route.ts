// POST /ovirt-engine/api/jobs/{id}/steps/{stepId}/end: <action><succeeded>true|false</succeeded></action>
// ends a step of an external job.
import { endExternalStep } from "@/lib/jobs/external-jobs";
import { restRoute } from "@/lib/rest/route";
import { completeReply } from "@/lib/rest/reply";
import { readAction } from "@/lib/rest/requests/action";
import { parseEndJob } from "@/lib/rest/requests/job-actions";

export const POST = restRoute<{ id: string; stepId: string }>(async (context) => {
  const { action } = await readAction(context);
  await endExternalStep({ jobId: context.params.id, stepId: context.params.stepId, ...parseEndJob(action) }, context.actor);
  return completeReply();
});
