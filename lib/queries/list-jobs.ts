import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export async function listJobs(options: { take?: number; correlationId?: string; active?: boolean } = {}) {
  return db.job.findMany({
    where: {
      ...(options.correlationId ? { correlationId: options.correlationId } : {}),
      ...(options.active ? { status: { in: ["pending", "running"] } } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: options.take ?? 50,
    include: { steps: { orderBy: { position: "asc" } } },
  });
}
export type JobRow = Awaited<ReturnType<typeof listJobs>>[number];

export async function getJob(id: string) {
  const job = await db.job.findUnique({ where: { id }, include: { steps: { orderBy: { position: "asc" } } } });
  if (!job) throw new AppError("NOT_FOUND", `Job ${id} doesn't exist.`);
  return job;
}

/** The audit log, or one object's part of it: its own events and those of the jobs it started. */
export async function listEvents(options: { take?: number; objectId?: string } = {}) {
  let where = {};
  if (options.objectId) {
    const started = await db.event.findMany({ where: { objectId: options.objectId, jobId: { not: null } }, select: { jobId: true } });
    where = { OR: [{ objectId: options.objectId }, { jobId: { in: started.map((e) => e.jobId!) } }] };
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
