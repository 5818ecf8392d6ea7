import "server-only";
import { db } from "@/lib/db";
import { opWeight, type StepOp } from "./operation";
import { announceJobChange } from "./job-feed";

// A job's percentage is its steps' progress weighted by the bytes each moves; several steps may
// run at once, so it is summed over all of them. Writes are throttled per step (250 ms, whole
// percents); the job's own figure stops at 99 until it commits.

export function logWriteError(error: unknown) {
  console.error("job status write failed", error);
}

export function jobProgress(jobId: string, ops: StepOp[]) {
  const weights = ops.map(opWeight);
  const total = weights.reduce((sum, weight) => sum + weight, 0) || 1;
  const fractions = ops.map(() => 0);
  const jobPercent = () => Math.floor((fractions.reduce((sum, fraction, i) => sum + fraction * weights[i], 0) / total) * 99);

  return {
    /** The callback a running step reports its percent to. */
    reporter(index: number, stepId: string) {
      let lastPercent = -1;
      let lastWrite = 0;
      return (percent: number) => {
        const now = Date.now();
        const rounded = Math.floor(percent);
        if (rounded === lastPercent || now - lastWrite < 250) return;
        lastPercent = rounded;
        lastWrite = now;
        fractions[index] = percent / 100;
        void db
          .$transaction([
            db.jobStep.update({ where: { id: stepId }, data: { progress: rounded } }),
            db.job.update({ where: { id: jobId }, data: { progress: jobPercent() } }),
          ])
          .then(() => announceJobChange(jobId), () => undefined);
      };
    },
    /** A step that finished before the job was resumed: counted, nothing written. */
    alreadyDone(index: number) {
      fractions[index] = 1;
    },
    /** Records a finished step and the job's percentage with it. */
    async finished(index: number, stepId: string) {
      fractions[index] = 1;
      await db.$transaction([
        db.jobStep.update({ where: { id: stepId }, data: { status: "finished", progress: 100, endedAt: new Date() } }),
        db.job.update({ where: { id: jobId }, data: { progress: jobPercent() } }),
      ]);
      announceJobChange(jobId);
    },
  };
}
