import "server-only";
import type { JobQueue } from "./job-queue";

/** The embedded default: the creating process runs its own jobs at once. */
export function inProcessQueue(): JobQueue {
  let run: ((jobId: string) => Promise<void>) | null = null;
  return {
    async start(handler) {
      run = handler;
    },
    async dispatch(job) {
      if (!run) throw new Error("The job queue has not started.");
      await run(job.id); // resolves once the job started, not when it ends
    },
    async stop() {
      run = null;
    },
  };
}
