import "server-only";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { recordEvent } from "@/lib/events";
import { listVolumeFiles, removeVolume } from "@/lib/storage/driver";
import { settleTrash } from "@/lib/storage/trash";
import type { JobPlan } from "./plan";
import { rollbackJob } from "./rollback";
import { activeJobCount } from "./run-job";

/**
 * Start-up recovery. A job commits in one transaction, so an unfinished one had not taken
 * effect: it is rolled back. Then the trash is settled (volumes the database still owns are put
 * back, the rest freed) and any volume file that no disk owns is removed.
 * Must run before any job starts.
 */
export async function recoverJobs() {
  if (activeJobCount() > 0) throw new Error("recoverJobs must run before any job starts");
  const unfinished = await db.job.findMany({ where: { status: { in: ["pending", "running"] } } });
  for (const job of unfinished) {
    await rollbackJob(job, JSON.parse(job.payload) as JobPlan, "Interrupted by a restart of the portal; rolled back.");
  }
  const restored = await settleTrashes();
  const orphans = await sweepOrphanVolumes();
  return { rolledBack: unfinished.length, restored, orphans };
}

async function settleTrashes() {
  const all: string[] = [];
  for (const domain of await db.storageDomain.findMany()) {
    const owned = new Set((await db.volume.findMany({ where: { storageDomainId: domain.id }, select: { id: true } })).map((v) => v.id));
    const restored = await settleTrash(domain, (_diskId, volumeId) => owned.has(volumeId));
    if (restored.length) {
      await recordEvent(db, systemActor, { action: "volumes_restored", severity: "warning", message: `Restored ${restored.length} volume(s) whose removal had not been committed: ${restored.join(", ")}` });
    }
    all.push(...restored);
  }
  return all;
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
