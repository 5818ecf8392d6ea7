import "server-only";
import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { instance } from "../instance";
import type { JobQueue } from "./job-queue";

// pg-boss over node-postgres: the maintained PostgreSQL queue whose 10.x line runs on this
// machine's Node.js 20 (11+ needs Node 22). Its jobs only carry a job id: delivering one claims
// nothing, the job row's compare-and-set does (leases.ts), and the handler returns at once, so a
// long copy never holds a queue slot and its lease is ours to renew (pg-boss 10 has no heartbeat).

const ANY_HOST = "multistore-jobs";
/** Jobs fetched at once; each handler only claims and starts its job. */
const BATCH_SIZE = 10;
const hostQueue = (host: string) => `multistore-jobs-host-${host.replace(/[^\w-]/g, "_")}`;

export function pgBossQueue(): JobQueue {
  let boss: PgBoss | null = null;
  const workers: string[] = [];
  return {
    async start(run) {
      boss = new PgBoss({ connectionString: env.DATABASE_URL, schema: "pgboss", max: 4, migrate: true });
      boss.on("error", (error) => console.error(`job queue error: ${error.message}`));
      await boss.start();
      for (const name of [ANY_HOST, hostQueue(instance.host)]) {
        await createQueueOnce(boss, name);
        // 0.5 s: the slowest pick-up of a job another instance made; our own are picked up at once.
        // pg-boss fetches one batch per interval, so a full batch asks for the next one at once:
        // a burst of jobs drains as fast as they start, not one batch per half second.
        const worker: string = await boss.work(name, { pollingIntervalSeconds: 0.5, batchSize: BATCH_SIZE }, async (jobs) => {
          if (jobs.length === BATCH_SIZE) boss?.notifyWorker(worker);
          await Promise.all(jobs.map((job) => run((job.data as { jobId: string }).jobId)));
        });
        workers.push(worker);
      }
    },
    async dispatch(job) {
      if (!boss) throw new Error("The job queue has not started.");
      const name = job.host ? hostQueue(job.host) : ANY_HOST;
      await boss.send(name, { jobId: job.id });
      if (!job.host || job.host === instance.host) for (const id of workers) boss.notifyWorker(id);
    },
    async stop() {
      await boss?.stop({ graceful: false, wait: true });
      boss = null;
      workers.length = 0;
    },
  };
}

/**
 * Creates a queue unless it exists. Instances starting together may deadlock in pg-boss's
 * create_queue (each inserts the row, then creates its partition): PostgreSQL aborts one, which
 * tries again and finds the queue made.
 */
async function createQueueOnce(boss: PgBoss, name: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, retryLimit: 3, retryDelay: 1, expireInSeconds: 60 });
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "40P01" || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
    }
  }
}
