import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/actor";
import { visibility } from "@/lib/auth/visibility";
import type { ListParams } from "./pagination";

/** Users who see everything see every job and event; others see their own. */
async function ownOnly(actor: Actor) {
  return (await visibility(actor)).all ? {} : { actor: actor.name };
}

export async function listJobs(actor: Actor, options: { take?: number; skip?: number; correlationId?: string; active?: boolean } = {}) {
  return db.job.findMany({
    where: await jobsWhere(actor, options),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: options.skip,
    take: options.take ?? 50,
    include: { steps: { orderBy: { position: "asc" } } },
  });
}

async function jobsWhere(actor: Actor, options: { correlationId?: string; active?: boolean }) {
  return {
    ...(await ownOnly(actor)),
    ...(options.correlationId ? { correlationId: options.correlationId } : {}),
    ...(options.active ? { status: { in: ["pending", "running"] } } : {}),
  };
}

/** One page of the job history, newest first, with the total. */
export async function jobsPage(params: ListParams, actor: Actor) {
  const [rows, total] = await Promise.all([
    listJobs(actor, { skip: (params.page - 1) * params.pageSize, take: params.pageSize }),
    db.job.count({ where: await jobsWhere(actor, {}) }),
  ]);
  return { rows, total };
}
export type JobRow = Awaited<ReturnType<typeof listJobs>>[number];

export async function getJob(id: string, actor: Actor) {
  const job = await db.job.findFirst({ where: { id, ...(await ownOnly(actor)) }, include: { steps: { orderBy: { position: "asc" } } } });
  if (!job) throw new AppError("NOT_FOUND", `Job ${id} doesn't exist.`);
  return job;
}

/** The audit log, or one object's part of it: its own events and those of the jobs it started. */
export async function listEvents(actor: Actor, options: { take?: number; skip?: number; objectId?: string; severities?: string[] } = {}) {
  const where = await eventsWhere(actor, options.objectId);
  return db.event.findMany({
    where: options.severities ? { AND: [where, { severity: { in: options.severities } }] } : where,
    orderBy: { id: "desc" },
    skip: options.skip,
    take: options.take ?? 100,
  });
}

async function eventsWhere(actor: Actor, objectId?: string) {
  const own = await ownOnly(actor);
  if (!objectId) return own;
  const started = await db.event.findMany({ where: { objectId, jobId: { not: null } }, select: { jobId: true } });
  return { AND: [own, { OR: [{ objectId }, { jobId: { in: started.map((e) => e.jobId!) } }] }] };
}

/** One page of the audit log, newest first, with the total. */
export async function eventsPage(params: ListParams, actor: Actor) {
  const [rows, total] = await Promise.all([
    listEvents(actor, { skip: (params.page - 1) * params.pageSize, take: params.pageSize }),
    db.event.count({ where: await eventsWhere(actor) }),
  ]);
  return { rows, total };
}

/** A small fingerprint of job activity: unfinished jobs and the most recently ended one. */
export async function jobActivity() {
  const [active, lastEnded] = await Promise.all([
    db.job.findMany({ where: { status: { in: ["pending", "running"] } }, select: { id: true, status: true, progress: true } }),
    db.job.findFirst({ where: { endedAt: { not: null } }, orderBy: { endedAt: "desc" }, select: { id: true, status: true } }),
  ]);
  return { active, lastEnded };
}
