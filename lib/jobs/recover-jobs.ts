import "server-only";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { recordEvent } from "@/lib/events";
import { listVolumeFiles, removeVolume } from "@/lib/storage/driver";
import { finishCommittedJob } from "./finish-job";
import type { JobPlan } from "./plan";
import { rollbackJob } from "./rollback";
import { activeJobCount } from "./run-job";

/**
 * Start-up recovery: a job that had not committed is rolled back, one that had committed is
 * finished. Then any volume file that no disk owns is removed. Must run before new jobs start.
 */
export async function recoverJobs() {
  if (activeJobCount() > 0) throw new Error("recoverJobs must run before any job starts");
  const unfinished = await db.job.findMany({ where: { status: { in: ["pending", "running", "committed"] } } });
  for (const job of unfinished) {
    const plan = JSON.parse(job.payload) as JobPlan;
    if (job.status === "committed") await finishCommittedJob(job, plan);
    else await rollbackJob(job, plan, "Interrupted by a restart of the portal; rolled back.");
  }
  const orphans = await sweepOrphanVolumes();
  return { rolledBack: unfinished.filter((j) => j.status !== "committed").length, finished: unfinished.filter((j) => j.status === "committed").length, orphans };
}

async function sweepOrphanVolumes() {
  const domains = await db.storageDomain.findMany({ where: { type: "data" } });
  const removed: string[] = [];
  for (const domain of domains) {
    const files = await listVolumeFiles(domain);
    if (!files.length) continue;
    const known = new Set(
      (await db.volume.findMany({ where: { storageDomainId: domain.id }, select: { id: true } })).map((v) => v.id),
    );
    for (const file of files) {
      if (known.has(file.volumeId)) continue;
      await removeVolume(file.path);
      removed.push(file.path);
    }
  }
  if (removed.length) {
    await recordEvent(db, systemActor, {
      action: "orphans_removed",
      severity: "warning",
      message: `Removed ${removed.length} volume file(s) that no disk owns: ${removed.join(", ")}`,
    });
  }
  return removed;
}
