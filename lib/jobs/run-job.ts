import "server-only";
import { db } from "@/lib/db";
import type { Job, JobStep } from "@/lib/generated/prisma/client";
import { restoreFromTrash } from "@/lib/storage/trash";
import { commitPlan } from "./commit-plan";
import { freeReplacedVolumes, retireReplacedVolumes, type Retired } from "./replaced-volumes";
import { parsePlan } from "./plan";
import { runSteps } from "./run-steps";
import { logWriteError } from "./job-progress";
import { rollbackJob } from "./rollback";
import { settleVmsAfterJob } from "@/lib/vms/runtime/after-job";
import { reportStorageFailure, verifyPlanDomains } from "./storage-failure";
import { passedPointOfNoReturn } from "./point-of-no-return";
import { rollForwardWithRetries } from "./roll-forward";

// The in-process worker. Jobs run as soon as they are created; their state lives in the
// database, so a restart recovers them (recover-jobs.ts) without anything kept here.

const running = new Map<string, Promise<void>>();
const cancellers = new Map<string, AbortController>();

/** Starts a job just created by createJob (which hands over the rows it wrote). */
export function scheduleJob(job: Job & { steps: JobStep[] }) {
  const canceller = new AbortController();
  cancellers.set(job.id, canceller);
  const done = runJob(job, canceller.signal)
    .catch((error) => console.error(`job ${job.id} crashed`, error))
    .finally(() => {
      running.delete(job.id);
      cancellers.delete(job.id);
    });
  running.set(job.id, done);
}

/** Stops a job this process runs at its next chance; it then rolls back. False if it runs nowhere here. */
export function abortJob(jobId: string, reason: Error) {
  const canceller = cancellers.get(jobId);
  if (!canceller) return false;
  canceller.abort(reason);
  return true;
}

/** Resolves when the job reaches a terminal state (finished or failed); returns its row. */
export async function waitForJob(jobId: string, timeoutMs = 600_000) {
  await running.get(jobId);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    if (job.status === "finished" || job.status === "failed" || job.status === "aborted") return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function activeJobCount() {
  return running.size;
}

async function runJob(job: Job & { steps: JobStep[] }, signal: AbortSignal) {
  const plan = parsePlan(job.payload);
  const steps = [...job.steps].sort((a, b) => a.position - b.position);
  // Recovery treats pending and running alike, so the storage work need not wait for these
  // writes. (.then starts them: a Prisma query runs only once something awaits it.)
  const started = db.job.update({ where: { id: job.id }, data: { status: "running", startedAt: new Date() } }).then(() => undefined, logWriteError);

  let retired: Retired = { entries: [], failed: [] };
  try {
    await runSteps(job.id, plan.ops, steps, signal);
    await started;
    signal.throwIfAborted(); // past this point the job commits
    await verifyPlanDomains(plan);
    retired = await retireReplacedVolumes(plan);
    await commitPlan(job, plan, retired.failed);
  } catch (error) {
    if (await passedPointOfNoReturn(plan).catch(() => false)) return rollForwardWithRetries(job, plan, error as Error);
    const notRestored = await restoreFromTrash(retired.entries);
    const reason = `${(error as Error).message}${notRestored.length ? ` Could not put back from the trash yet (start-up recovery will): ${notRestored.join("; ")}.` : ""}`;
    await rollbackJob(job, plan, reason, signal.aborted ? "aborted" : "failed");
    await settleVmsAfterJob(plan, false);
    await reportStorageFailure(job, error).catch((report) => console.error(`job ${job.id}: reporting its storage failure`, report));
    return;
  }
  await settleVmsAfterJob(plan, true);
  void freeReplacedVolumes(plan, retired.entries).catch((error) => console.error(`job ${job.id}: freeing replaced volumes`, error));
}
