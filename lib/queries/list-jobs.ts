import "server-only";
import { db, searchWhere } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/actor";
import { visibility } from "@/lib/auth/visibility";
import { searchConditions, type ListParams } from "./pagination";

/** Users who see everything see every job and event; others see their own. */
async function ownOnly(actor: Actor) {
  return (await visibility(actor)).all ? {} : { actor: actor.name };
}

export async function listJobs(actor: Actor, options: { take?: number; skip?: number; correlationId?: string; active?: boolean } & JobFilter = {}) {
  return db.job.findMany({
    where: await jobsWhere(actor, options),
    orderBy: options.orderBy ?? [{ createdAt: "desc" }, { id: "desc" }],
    skip: options.skip,
    take: options.take ?? 50,
    include: { steps: { orderBy: { position: "asc" } } },
  });
}

/** The Jobs page's filters: oVirt's job statuses (started = pending or running), a description search. */
interface JobFilter {
  status?: string;
  q?: string;
  orderBy?: Prisma.JobOrderByWithRelationInput[];
}

const STATUS_FILTER: Record<string, string[]> = { started: ["pending", "running"], finished: ["finished"], failed: ["failed"], aborted: ["aborted"] };

async function jobsWhere(actor: Actor, options: { correlationId?: string; active?: boolean } & JobFilter): Promise<Prisma.JobWhereInput> {
  const statuses = options.active ? STATUS_FILTER.started : options.status ? STATUS_FILTER[options.status] : undefined;
  return {
    AND: [
      await ownOnly(actor),
      options.correlationId ? { correlationId: options.correlationId } : {},
      statuses ? { status: { in: statuses } } : {},
      searchWhere("description", searchConditions(options.q)),
    ],
  };
}

const JOB_SORTS: Record<string, (order: "asc" | "desc") => Prisma.JobOrderByWithRelationInput> = {
  createdAt: (order) => ({ createdAt: order }),
  description: (order) => ({ description: order }),
  status: (order) => ({ status: order }),
};

/** One page of the job history (newest first unless sorted otherwise), with the total. */
export async function jobsPage(params: ListParams, actor: Actor, status?: string) {
  const sort = JOB_SORTS[params.sort ?? ""];
  const orderBy = sort ? [sort(params.order), { id: params.order }] : [{ createdAt: "desc" as const }, { id: "desc" as const }];
  const filter = { status, q: params.q };
  const [rows, total] = await Promise.all([
    listJobs(actor, { ...filter, orderBy, skip: (params.page - 1) * params.pageSize, take: params.pageSize }),
    db.job.count({ where: await jobsWhere(actor, filter) }),
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
export async function listEvents(actor: Actor, options: { take?: number; skip?: number; objectId?: string; severities?: string[]; message?: string; afterId?: number } = {}) {
  return db.event.findMany({
    where: { AND: [await filteredEventsWhere(actor, options), options.afterId === undefined ? {} : { id: { gt: options.afterId } }] },
    orderBy: { id: "desc" },
    skip: options.skip,
    take: options.take ?? 100,
  });
}

/** One event of the audit log, or 404 when it does not exist or is not the actor's to see. */
export async function getEvent(id: number, actor: Actor) {
  const event = await db.event.findFirst({ where: { AND: [{ id }, await ownOnly(actor)] } });
  if (!event) throw new AppError("NOT_FOUND", `Event ${id} doesn't exist.`);
  return event;
}

async function eventsWhere(actor: Actor, objectId?: string) {
  const own = await ownOnly(actor);
  if (!objectId) return own;
  const started = await db.event.findMany({ where: { objectId, jobId: { not: null } }, select: { jobId: true } });
  return { AND: [own, { OR: [{ objectId }, { jobId: { in: started.map((e) => e.jobId!) } }] }] };
}

async function filteredEventsWhere(actor: Actor, options: { objectId?: string; severities?: string[]; message?: string }): Promise<Prisma.EventWhereInput> {
  const where = await eventsWhere(actor, options.objectId);
  return { AND: [where, options.severities ? { severity: { in: options.severities } } : {}, searchWhere("message", searchConditions(options.message))] };
}

/** The Events page's severity filter: at least this severity. */
export const SEVERITY_AT_LEAST: Record<string, string[]> = { warning: ["warning", "error"], error: ["error"] };

/** One page of the audit log, newest first, with the total; `severity` keeps that level and above, `q` searches the messages. */
export async function eventsPage(params: ListParams, actor: Actor, severity?: string) {
  const filter = { severities: severity ? SEVERITY_AT_LEAST[severity] : undefined, message: params.q };
  const [rows, total] = await Promise.all([
    listEvents(actor, { ...filter, skip: (params.page - 1) * params.pageSize, take: params.pageSize }),
    db.event.count({ where: await filteredEventsWhere(actor, filter) }),
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
