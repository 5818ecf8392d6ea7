import "server-only";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { recordEvent } from "@/lib/events";
import { commitPlan } from "./commit-plan";
import { settleAfterJob } from "./job-end";
import { firstIrreversibleStep } from "./point-of-no-return";
import { executeOp } from "./execute-op";
import type { JobPlan } from "./plan";
import { freeReplacedVolumes, retireReplacedVolumes } from "./replaced-volumes";

/**
 * Finishes a job past its point of no return (lib/jobs/point-of-no-return.ts): runs its steps
 * again from the first that cannot be undone (steps are idempotent) and commits. Replaced files
 * that cannot be removed now are recorded and removed once their domain verifies.
 */
export async function rollForward(job: { id: string; description: string; actor: string }, plan: JobPlan) {
  const from = Math.max(firstIrreversibleStep(plan.ops), 0);
  for (const op of plan.ops.slice(from)) await executeOp(op, () => undefined);
  const retired = await retireReplacedVolumes(plan);
  await commitPlan(job, plan, retired.failed);
  await settleAfterJob(plan, true);
  void freeReplacedVolumes(plan, retired.entries).catch((error) => console.error(`job ${job.id}: freeing replaced volumes`, error));
}

/** In the running portal: a few tries, then it is left to start-up recovery (the disks stay locked). */
export async function rollForwardWithRetries(job: { id: string; description: string; actor: string }, plan: JobPlan, cause: Error) {
  let last = cause;
  for (let attempt = 0; attempt < 3; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, attempt * 2_000));
    try {
      return await rollForward(job, plan);
    } catch (error) {
      last = error as Error;
    }
  }
  await recordEvent(db, systemActor, {
    action: "job_roll_forward_failed",
    severity: "error",
    message: `${job.description}: past the point of no return (a snapshot volume left a running disk's chain), it must finish but could not: ${last.message} It is tried again when the portal starts; its disks stay locked until then.`,
    objectType: "job",
    objectId: job.id,
    jobId: job.id,
  });
}
