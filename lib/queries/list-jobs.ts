import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/actor";
import { visibility } from "@/lib/auth/visibility";

/** Users who see everything see every job and event; others see their own. */
async function ownOnly(actor: Actor) {
  return (await visibility(actor)).all ? {} : { actor: actor.name };
}

export async function listJobs(actor: Actor, options: { take?: number; correlationId?: string; active?: boolean } = {}) {
  return db.job.findMany({
    where: {
      ...(await ownOnly(actor)),
      ...(options.correlationId ? { correlationId: options.correlationId } : {}),
      ...(options.active ? { status: { in: ["pending", "running"] } } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: options.take ?? 50,
    include: { steps: { orderBy: { position: "asc" } } },
  });
}
export type JobRow = Awaited<ReturnType<typeof listJobs>>[number];

export async function getJob(id: string, actor: Actor) {
  const job = await db.job.findFirst({ where: { id, ...(await ownOnly(actor)) }, include: { steps: { orderBy: { position: "asc" } } } });
  if (!job) throw new AppError("NOT_FOUND", `Job ${id} doesn't exist.`);
  return job;
}

/** The audit log, or one object's part of it: its own events and those of the jobs it started. */
export async function listEvents(actor: Actor, options: { take?: number; objectId?: string } = {}) {
  let where: object = await ownOnly(actor);
  if (options.objectId) {
    const started = await db.event.findMany({ where: { objectId: options.objectId, jobId: { not: null } }, select: { jobId: true } });
    where = { AND: [where, { OR: [{ objectId: options.objectId }, { jobId: { in: started.map((e) => e.jobId!) } }] }] };
  }
  return db.event.findMany({ where, orderBy: { id: "desc" }, take: options.take ?? 100 });
}

/** A small fingerprint of job activity: unfinished jobs and the most recently ended one. */
export async function jobActivity() {
  const [active, lastEnded] = await Promise.all([
    db.job.findMany({ where: { status: { in: ["pending", "running"] } }, select: { id: true, status: true, progress: true } }),
    db.job.findFirst({ where: { endedAt: { not: null } }, orderBy: { endedAt: "desc" }, select: { id: true, status: true } }),
  ]);
  return { active, lastEnded };
}
