import "server-only";
import { db } from "@/lib/db";
import { processWide } from "@/lib/process-wide";
import { instance, leaseMs, registerInstance } from "./instance";
import { announceJobChange } from "./job-feed";

// Job leases. The instance running a job renews its lease while the job runs; another instance
// takes a job over only once its lease has expired (or its owner's process is gone from this
// host). The owner learns at its next heartbeat that it lost a lease, or that someone asked to
// cancel the job, and stops it.

/** The owner lost the job to another instance: it stops without undoing anything (the new owner does). */
export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`Job ${jobId} was taken over by another portal instance.`);
  }
}

const state = processWide("leases", () => ({ held: new Map<string, AbortController>(), heartbeat: null as NodeJS.Timeout | null }));
const held = state.held;

export function leaseUntil() {
  return new Date(Date.now() + leaseMs());
}

/** Claims a pending job for this instance (compare-and-set: exactly one claimer wins). */
export async function claimPendingJob(jobId: string) {
  const { count } = await db.job.updateMany({
    where: { id: jobId, status: "pending", OR: [{ host: null }, { host: instance.host }] },
    data: { status: "running", startedAt: new Date(), leaseOwner: instance.id, leaseExpiresAt: leaseUntil() },
  });
  if (count === 1) announceJobChange(jobId);
  return count === 1;
}

/** Gives up a job we made but could not hand to the queue: the next recovery sweep rolls it back. */
export async function releasePendingJob(jobId: string) {
  await db.job.updateMany({ where: { id: jobId, status: "pending", leaseOwner: instance.id }, data: { leaseOwner: null, leaseExpiresAt: new Date() } });
}

/**
 * Takes over a job whose lease lapsed, if nobody else did first (the lease is compared as read).
 * A pending one becomes running, so a late delivery can no longer claim it.
 */
export async function takeOverJob(job: { id: string; leaseOwner: string | null; leaseExpiresAt: Date | null }) {
  const { count } = await db.job.updateMany({
    where: { id: job.id, status: { in: ["pending", "running"] }, leaseOwner: job.leaseOwner, leaseExpiresAt: job.leaseExpiresAt },
    data: { status: "running", leaseOwner: instance.id, leaseExpiresAt: leaseUntil() },
  });
  return count === 1;
}

/** Keeps the job's lease renewed until release; the signal aborts when the lease is lost or a cancel is asked. */
export function holdLease(jobId: string) {
  const controller = new AbortController();
  held.set(jobId, controller);
  startHeartbeat();
  return controller;
}

export function releaseLease(jobId: string) {
  held.delete(jobId);
}

export function heldJobCount() {
  return held.size;
}

/** Renews this instance's heartbeat, its pending and running jobs' leases, then stops the jobs it lost or that were cancelled. */
export async function renewLeases() {
  await registerInstance();
  // The jobs we made that no worker claimed yet wait in the queue (a burst can keep them there
  // longer than a lease): they stay ours while we live.
  await db.job.updateMany({ where: { status: "pending", leaseOwner: instance.id }, data: { leaseExpiresAt: leaseUntil() } });
  const ids = [...held.keys()];
  if (!ids.length) return;
  await db.job.updateMany({ where: { id: { in: ids }, leaseOwner: instance.id }, data: { leaseExpiresAt: leaseUntil() } });
  const rows = await db.job.findMany({ where: { id: { in: ids } }, select: { id: true, leaseOwner: true, cancelRequestedBy: true } });
  for (const row of rows) {
    const controller = held.get(row.id);
    if (!controller || controller.signal.aborted) continue;
    if (row.leaseOwner !== instance.id) controller.abort(new LeaseLostError(row.id));
    else if (row.cancelRequestedBy) controller.abort(new Error(`Cancelled by ${row.cancelRequestedBy}.`));
  }
}

/** A third of the lease, at most a second: a cancel from another instance lands within a second. */
export function heartbeatMs() {
  return Math.min(1000, leaseMs() / 3);
}

export function startHeartbeat() {
  if (state.heartbeat) return;
  state.heartbeat = setInterval(() => void renewLeases().catch((error) => console.error("lease renewal failed", error)), heartbeatMs());
  state.heartbeat.unref();
}

export function stopHeartbeat() {
  if (state.heartbeat) clearInterval(state.heartbeat);
  state.heartbeat = null;
}

/**
 * Asks for a job to stop, from any instance: recorded on the job, which its owner's heartbeat
 * reads within a second; a job running here stops at once. False if the job has already ended.
 */
export async function requestCancel(jobId: string, by: string) {
  const { count } = await db.job.updateMany({ where: { id: jobId, status: { in: ["pending", "running"] } }, data: { cancelRequestedBy: by } });
  held.get(jobId)?.abort(new Error(`Cancelled by ${by}.`));
  return count === 1;
}
