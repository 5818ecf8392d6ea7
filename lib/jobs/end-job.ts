import "server-only";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { getJob } from "@/lib/queries/list-jobs";
import { cancelJob } from "./cancel-job";
import { EXTERNAL, endExternalJob } from "./external-jobs";

/**
 * The engine's end action: an external job ends as its client says; one of the portal's own jobs
 * ends by itself, so ending it means cancelling it (succeeded=false).
 */
export async function endJob(input: { jobId: string; succeeded: boolean }, actor: Actor) {
  const job = await getJob(input.jobId, actor);
  if (job.type === EXTERNAL) return endExternalJob(input, actor);
  if (input.succeeded) throw new AppError("CONFLICT", "Cannot end the job as succeeded: portal jobs end by themselves. To cancel one, send <succeeded>false</succeeded>.");
  await cancelJob({ jobId: job.id }, actor);
}
