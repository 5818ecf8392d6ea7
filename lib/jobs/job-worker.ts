import "server-only";
import { processWide } from "@/lib/process-wide";
import { jobQueue } from "./queue/job-queue";
import { recoverJobs } from "./recover-jobs";
import { runDeliveredJob } from "./run-job";
import { heartbeatMs, startHeartbeat, stopHeartbeat } from "./leases";
import { leaseMs, registerInstance } from "./instance";

// The portal server as a job worker: it takes the jobs the queue delivers (its own and other
// instances'), renews the leases of those it runs, and sweeps for jobs whose owner died (every
// half lease). A process that is not a worker (a script, a test) runs the jobs it makes itself.

const state = processWide("job-worker", () => ({ started: null as Promise<void> | null, sweeper: null as NodeJS.Timeout | null }));

/** Starts taking jobs from the queue (portal start-up). */
export function startJobWorker() {
  state.started ??= (async () => {
    await registerInstance();
    startHeartbeat();
    await jobQueue.start(runDeliveredJob);
  })();
  return state.started;
}

/** Hands a job just created to the queue, or runs it here when this process is no worker. */
export async function deliverJob(job: { id: string; host: string | null }) {
  if (!state.started) return runDeliveredJob(job.id);
  await state.started;
  await jobQueue.dispatch(job);
}

/** Periodic recovery, after start-up's own round. */
export function startRecoverySweeper() {
  if (state.sweeper) return;
  let sweeping = false;
  state.sweeper = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    void recoverJobs()
      .then((result) => {
        const taken = result.rolledBack + result.rolledForward + result.resumed;
        if (taken) console.log(`recovery: took over ${taken} job(s) of a stopped instance (${result.resumed} resumed, ${result.rolledBack} rolled back)`);
      })
      .catch((error) => console.error("job recovery sweep failed", error))
      .finally(() => {
        sweeping = false;
      });
  }, Math.max(leaseMs() / 2, heartbeatMs()));
  state.sweeper.unref();
}

export async function stopJobWorker() {
  if (state.sweeper) clearInterval(state.sweeper);
  state.sweeper = null;
  stopHeartbeat();
  await jobQueue.stop();
  state.started = null;
}
