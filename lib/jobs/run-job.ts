import "server-only";
import { db } from "@/lib/db";
import { commitPlan } from "./commit-plan";
import { executeOp } from "./execute-op";
import { finishCommittedJob } from "./finish-job";
import { opWeight, type JobPlan } from "./plan";
import { rollbackJob } from "./rollback";

// The in-process worker. Jobs run as soon as they are created; their state lives in the
// database, so a restart recovers them (recover-jobs.ts) without anything kept here.

const running = new Map<string, Promise<void>>();

export function scheduleJob(jobId: string) {
  const done = runJob(jobId)
    .catch((error) => console.error(`job ${jobId} crashed`, error))
    .finally(() => running.delete(jobId));
  running.set(jobId, done);
}

/** Resolves when the job reaches a terminal state (finished or failed); returns its row. */
export async function waitForJob(jobId: string, timeoutMs = 600_000) {
  await running.get(jobId);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    if (job.status === "finished" || job.status === "failed") return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function activeJobCount() {
  return running.size;
}

function progressReporter(jobId: string, stepId: string, doneWeight: number, weight: number, totalWeight: number) {
  let lastPercent = -1;
  let lastWrite = 0;
  return (percent: number) => {
    const now = Date.now();
    const rounded = Math.floor(percent);
    if (rounded === lastPercent || now - lastWrite < 250) return;
    lastPercent = rounded;
    lastWrite = now;
    const jobPercent = Math.floor(((doneWeight + (weight * percent) / 100) / totalWeight) * 99);
    void db.$transaction([
      db.jobStep.update({ where: { id: stepId }, data: { progress: rounded } }),
      db.job.update({ where: { id: jobId }, data: { progress: jobPercent } }),
    ]).catch(() => undefined);
  };
}

async function runJob(jobId: string) {
  const { count } = await db.job.updateMany({ where: { id: jobId, status: "pending" }, data: { status: "running", startedAt: new Date() } });
  if (count !== 1) return;
  const job = await db.job.findUniqueOrThrow({ where: { id: jobId }, include: { steps: { orderBy: { position: "asc" } } } });
  const plan = JSON.parse(job.payload) as JobPlan;
  const totalWeight = plan.ops.reduce((sum, op) => sum + opWeight(op), 0) || 1;

  try {
    let doneWeight = 0;
    for (const [index, op] of plan.ops.entries()) {
      const step = job.steps[index];
      await db.jobStep.update({ where: { id: step.id }, data: { status: "running", startedAt: new Date() } });
      await executeOp(op, progressReporter(jobId, step.id, doneWeight, opWeight(op), totalWeight));
      doneWeight += opWeight(op);
      await db.$transaction([
        db.jobStep.update({ where: { id: step.id }, data: { status: "finished", progress: 100, endedAt: new Date() } }),
        db.job.update({ where: { id: jobId }, data: { progress: Math.floor((doneWeight / totalWeight) * 99) } }),
      ]);
    }
    await commitPlan(jobId, plan);
    if (!plan.ops.length) {
      await db.jobStep.updateMany({ where: { jobId }, data: { status: "finished", progress: 100, endedAt: new Date() } });
    }
  } catch (error) {
    await rollbackJob(job, plan, (error as Error).message);
    return;
  }
  await finishCommittedJob(job, plan);
}
