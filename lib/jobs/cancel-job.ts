import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events";
import { getJob } from "@/lib/queries/list-jobs";
import { parseInput } from "@/lib/schemas/parse";
import { requestCancel } from "./leases";
import { EXTERNAL, endExternalJob } from "./external-jobs";

const cancelJobSchema = z.object({ jobId: z.string().min(1, "A job id is required.") });

/**
 * Cancels a running job, whichever instance runs it: its current step stops (a copy is killed, a
 * live mirror cancelled) and the job rolls back as a failed one would, ending "aborted". Whoever may see the job may cancel
 * it. Once the job is committing it can no longer be stopped, and the answer says so.
 */
export async function cancelJob(input: z.input<typeof cancelJobSchema>, actor: Actor) {
  const { jobId } = parseInput(cancelJobSchema, input);
  const job = await getJob(jobId, actor);
  if (job.type === EXTERNAL && job.status === "running") {
    await endExternalJob({ jobId: job.id, succeeded: false }, actor); // nothing of the portal's runs it: it ends failed
    return job;
  }
  if (job.status !== "pending" && job.status !== "running") {
    throw new AppError("CONFLICT", `Cannot cancel job ${job.description}. It has already ${job.status === "finished" ? "finished" : "ended"}.`);
  }
  if (!(await requestCancel(job.id, actor.name))) {
    throw new AppError("CONFLICT", `Cannot cancel job ${job.description}. It has just ended.`);
  }
  await recordEvent(db, actor, { action: "job_cancel_requested", severity: "normal", message: `${job.description}: cancel requested by ${actor.name}.`, objectType: "job", objectId: job.id, jobId: job.id });
  return job;
}
