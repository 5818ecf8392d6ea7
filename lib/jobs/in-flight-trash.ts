import "server-only";
import { db } from "@/lib/db";
import { trashNameOf } from "@/lib/storage/trash";
import { parsePlan } from "./plan";

/**
 * The trash names of volumes that jobs still running under a live lease are removing: between
 * moving them aside and its commit, a job's trashed volumes are still owned in the database, and
 * only the job (its commit, or its undo) decides whether they go or come back.
 */
export async function trashNamesOfRunningJobs() {
  const jobs = await db.job.findMany({
    where: { status: { in: ["pending", "running"] }, leaseExpiresAt: { gt: new Date() } },
    select: { payload: true },
  });
  return new Set(jobs.flatMap((job) => parsePlan(job.payload).removeAfterCommit.map(trashNameOf)));
}
