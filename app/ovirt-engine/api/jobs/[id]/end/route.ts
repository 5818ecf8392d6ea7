// POST /ovirt-engine/api/jobs/{id}/end: <action><succeeded>false</succeeded></action> cancels a
// running job (it rolls back and ends "aborted"). The engine's end action closes external jobs;
// portal jobs end by themselves, so only succeeded=false (a cancel) is taken.
import { cancelJob } from "@/lib/jobs/cancel-job";
import { AppError } from "@/lib/errors";
import { restRoute } from "@/lib/rest/route";
import { completeReply } from "@/lib/rest/reply";
import { readAction } from "@/lib/rest/requests/action";
import { parseEndJob } from "@/lib/rest/requests/job-actions";

export const POST = restRoute<{ id: string }>(async (context) => {
  const { action } = await readAction(context);
  const { succeeded } = parseEndJob(action);
  if (succeeded) throw new AppError("CONFLICT", "Cannot end the job as succeeded: portal jobs end by themselves. To cancel one, send <succeeded>false</succeeded>.");
  await cancelJob({ jobId: context.params.id }, context.actor);
  return completeReply();
});
