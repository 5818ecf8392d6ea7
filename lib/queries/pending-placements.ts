import "server-only";
import { db } from "@/lib/db";
import { parsePlan } from "@/lib/jobs/plan";
import { madeVolume } from "@/lib/jobs/operation";
import type { DiskRow } from "./list-disks";

/**
 * A disk that a job is still making has no volume rows yet (they are inserted at commit), so
 * its domain is read from the job's plan: clients see where a locked disk is going.
 */
export async function withPendingPlacements(rows: DiskRow[]): Promise<DiskRow[]> {
  const waiting = rows.filter((r) => !r.storageDomains.length && r.job);
  if (!waiting.length) return rows;
  const jobs = await db.job.findMany({ where: { id: { in: [...new Set(waiting.map((r) => r.job!.id))] } }, select: { payload: true } });
  const targets = new Map<string, string>();
  for (const job of jobs) {
    for (const op of parsePlan(job.payload).ops) {
      const record = madeVolume(op)?.record;
      if (record) targets.set(record.diskId, record.storageDomainId);
    }
  }
  const domains = await db.storageDomain.findMany({ where: { id: { in: [...new Set(targets.values())] } }, select: { id: true, name: true } });
  return rows.map((row) => {
    const domain = domains.find((d) => d.id === targets.get(row.id));
    return !row.storageDomains.length && domain ? { ...row, storageDomains: [domain] } : row;
  });
}
