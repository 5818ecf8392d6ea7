import "server-only";
import { db } from "@/lib/db";
import { processWide } from "@/lib/process-wide";
import type { Job, JobStep } from "@/lib/generated/prisma/client";
import { restoreFromTrash } from "@/lib/storage/trash";
import { commitPlan } from "./commit-plan";
import { freeReplacedVolumes, retireReplacedVolumes, type Retired } from "./replaced-volumes";
import { parsePlan } from "./plan";
import { runSteps } from "./run-steps";
import { rollbackJob } from "./rollback";
import { settleAfterJob } from "./job-end";
import { reportStorageFailure, verifyPlanDomains } from "./storage-failure";
import { passedPointOfNoReturn } from "./point-of-no-return";
import { rollForwardWithRetries } from "./roll-forward";
import { ensureRegistered } from "./instance";
import { claimPendingJob, holdLease, LeaseLostError, releaseLease } from "./leases";

// The worker: runs the jobs the queue delivers to this instance (queue/job-queue.ts). Their state
// lives in the database, so another instance, or this one after a restart, recovers them
// (recover-jobs.ts) without anything kept here.

const running = processWide("running-jobs", () => new Map<string, Promise<void>>());

/** Runs a delivered job if this instance wins its claim; resolves once it started (not when it ends). */
export async function runDeliveredJob(jobId: string) {
  await ensureRegistered();
  if (!(await claimPendingJob(jobId))) return; // another instance runs it, or it already ended
  await startClaimedJob(jobId);
}

/**
 * Runs a job this instance holds (claimed, or taken over from a stopped instance: it then goes on
 * from its last finished step); resolves once it started.
 */
export async function startClaimedJob(jobId: string) {
  const job = await db.job.findUniqueOrThrow({ where: { id: jobId }, include: { steps: true } });
  const lease = holdLease(jobId);
  const done = runJob(job, lease.signal)
    .catch((error) => console.error(`job ${job.id} crashed`, error))
    .finally(() => {
      running.delete(job.id);
      releaseLease(job.id);
    });
  running.set(job.id, done);
}

/** Resolves when the job reaches a terminal state (finished or failed); returns its row. */
export async function waitForJob(jobId: string, timeoutMs = 600_000) {
  await running.get(jobId);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    if (job.status === "finished" || job.status === "failed" || job.status === "aborted") return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await running.get(jobId);
  }
}

async function runJob(job: Job & { steps: JobStep[] }, signal: AbortSignal) {
  const plan = parsePlan(job.payload);
  const steps = [...job.steps].sort((a, b) => a.position - b.position);

  let retired: Retired = { entries: [], failed: [] };
  try {
    await runSteps(job.id, plan.ops, steps, signal);
    signal.throwIfAborted(); // past this point the job commits
    await verifyPlanDomains(plan);
    retired = await retireReplacedVolumes(plan);
    await commitPlan(job, plan, retired.failed);
  } catch (error) {
    if (signal.reason instanceof LeaseLostError) {
      // Another instance took the job over (this one stalled past its lease): it undoes it.
      await restoreFromTrash(retired.entries);
      console.error(signal.reason.message);
      return;
    }
    if (await passedPointOfNoReturn(plan).catch(() => false)) return rollForwardWithRetries(job, plan, error as Error);
    const notRestored = await restoreFromTrash(retired.entries);
    const reason = `${(error as Error).message}${notRestored.length ? ` Could not put back from the trash yet (start-up recovery will): ${notRestored.join("; ")}.` : ""}`;
    await rollbackJob(job, plan, reason, signal.aborted ? "aborted" : "failed");
    await settleAfterJob(plan, false);
    await reportStorageFailure(job, error).catch((report) => console.error(`job ${job.id}: reporting its storage failure`, report));
    return;
  }
  await settleAfterJob(plan, true);
  void freeReplacedVolumes(plan, retired.entries).catch((error) => console.error(`job ${job.id}: freeing replaced volumes`, error));
}
