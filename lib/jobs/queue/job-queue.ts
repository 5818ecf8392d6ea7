import "server-only";
import { onPostgresql } from "@/lib/db";
import { processWide } from "@/lib/process-wide";
import { inProcessQueue } from "./in-process-queue";
import { pgBossQueue } from "./pg-boss-queue";

// How a job created by one instance reaches the instance that runs it. On PostgreSQL, a queue
// all instances work (pg-boss: claims with SKIP LOCKED, retries); on the embedded SQLite
// database, one process, so the job runs where it was made. The job row's own compare-and-set
// claim (leases.ts) makes a job run once whatever the queue delivers.

export interface JobQueue {
  /** Starts taking jobs; `run` gets the id of each job delivered to this instance. */
  start(run: (jobId: string) => Promise<void>): Promise<void>;
  /** Hands a job just created to a worker (of its host, when it has one). */
  dispatch(job: { id: string; host: string | null }): Promise<void>;
  stop(): Promise<void>;
}

export const jobQueue: JobQueue = processWide("job-queue", () => (onPostgresql ? pgBossQueue() : inProcessQueue()));
