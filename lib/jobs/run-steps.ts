import "server-only";
import { db } from "@/lib/db";
import type { JobStep } from "@/lib/generated/prisma/client";
import { withCopySlot } from "./copy-slots";
import { executeOp } from "./execute-op";
import { jobProgress, logWriteError } from "./job-progress";
import type { StepOp } from "./operation";
import { stepDependencies } from "./step-order";
import { announceJobChange } from "./job-feed";

// Runs a job's steps, each as soon as the steps it depends on have finished (step-order.ts), so
// the copies of a multi-disk job run side by side. The first failure stops the others (a running
// copy is killed) and is what the job fails with, once every step has stopped: rollback then
// undoes them all, as it would after steps run one by one.

export async function runSteps(jobId: string, ops: StepOp[], steps: JobStep[], signal: AbortSignal) {
  const progress = jobProgress(jobId, ops);
  const stopOthers = new AbortController();
  const stop = AbortSignal.any([signal, stopOthers.signal]);
  let firstError: unknown = null;

  const runStep = async (index: number) => {
    stop.throwIfAborted();
    const step = steps[index];
    if (step.status === "finished") return progress.alreadyDone(index); // a resumed job: done before
    const started = db.jobStep.update({ where: { id: step.id }, data: { status: "running", startedAt: new Date() } }).then(() => announceJobChange(jobId), logWriteError);
    await executeOp(ops[index], progress.reporter(index, step.id), stop);
    await started;
    await progress.finished(index, step.id);
  };

  const dependencies = stepDependencies(ops);
  const runs: Promise<void>[] = [];
  for (const [index, op] of ops.entries()) {
    runs.push(
      Promise.all(dependencies[index].map((i) => runs[i]))
        .then(() => withCopySlot(op, () => runStep(index), stop))
        .catch((error) => {
          if (firstError === null) {
            firstError = error;
            stopOthers.abort(error);
          }
          throw error;
        }),
    );
  }
  await Promise.allSettled(runs);
  if (firstError !== null) throw firstError;
}
