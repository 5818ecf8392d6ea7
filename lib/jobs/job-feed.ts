import "server-only";
import { EventEmitter } from "node:events";
import pg from "pg";
import { db, onPostgresql } from "@/lib/db";
import { env } from "@/lib/env";
import { processWide } from "@/lib/process-wide";

// Job changes as they happen, for the browsers' event streams (app/api/jobs/events). Each write
// that changes a job's state or progress announces it: on PostgreSQL with NOTIFY, which every
// instance LISTENs to on one connection, so a job's progress reaches browsers on any instance;
// on the embedded SQLite database (one process) as an in-process event. Each instance reads a
// changed job once and hands it to all its subscribers: a hundred open browsers cost one read.

const CHANNEL = "multistore_jobs";
/** Changes within this window reach subscribers together, read in one query. */
const COALESCE_MS = 30;

export interface JobUpdate {
  id: string;
  status: string;
  progress: number;
  description: string;
  error: string | null;
  actor: string;
  /** When this state was written (a client can tell how late it sees it). */
  updatedAt: Date;
  steps: { id: string; status: string; progress: number }[];
}

interface Feed {
  emitter: EventEmitter;
  listening: Promise<void> | null;
  pending: Set<string>;
  flush: NodeJS.Timeout | null;
}

const feed = processWide<Feed>("job-feed", () => {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0); // one per open browser
  return { emitter, listening: null, pending: new Set(), flush: null };
});

/** Tells every instance's subscribers that the job changed (never fails the write it follows). */
export function announceJobChange(jobId: string) {
  if (!onPostgresql) return changed(jobId);
  void db.$executeRaw`SELECT pg_notify(${CHANNEL}, ${jobId})`.catch((error) => console.error("job change notification failed", error));
}

/** Calls `listener` with each changed job until the returned function is called. */
export function subscribeJobChanges(listener: (job: JobUpdate) => void) {
  if (onPostgresql) feed.listening ??= listenOrRetry();
  feed.emitter.on("job", listener);
  return () => void feed.emitter.off("job", listener);
}

function changed(jobId: string) {
  feed.pending.add(jobId);
  feed.flush ??= setTimeout(() => void readAndEmit(), COALESCE_MS);
}

async function readAndEmit() {
  const ids = [...feed.pending];
  feed.pending.clear();
  feed.flush = null;
  if (!feed.emitter.listenerCount("job")) return;
  const jobs = await db.job
    .findMany({
      where: { id: { in: ids } },
      select: { id: true, status: true, progress: true, description: true, error: true, actor: true, updatedAt: true, steps: { select: { id: true, status: true, progress: true }, orderBy: { position: "asc" } } },
    })
    .catch((error) => {
      console.error("reading changed jobs failed", error);
      return [];
    });
  for (const job of jobs) feed.emitter.emit("job", job);
}

function listenOrRetry(): Promise<void> {
  return listen().catch((error) => {
    console.error("job change listener could not connect; the next subscriber tries again", error);
    feed.listening = null;
  });
}

/** One LISTEN connection per instance, opened again if it drops. */
async function listen() {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  client.on("notification", (message) => message.payload && changed(message.payload));
  client.on("error", (error) => {
    console.error(`job change listener lost its connection (${error.message}); reconnecting`);
    feed.listening = null;
    setTimeout(() => {
      feed.listening ??= listenOrRetry();
    }, 1000);
  });
  await client.connect();
  await client.query(`LISTEN ${CHANNEL}`);
}
