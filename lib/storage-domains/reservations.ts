import "server-only";
import { randomUUID } from "node:crypto";
import { stat } from "node:fs/promises";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/format";
import { GiB } from "@/lib/schemas/common";
import { domainSpace } from "@/lib/storage/driver";
import type { JobPlan } from "@/lib/jobs/plan";
import { operationOf, type SpaceNeed, type StepOp } from "@/lib/jobs/operation";

// Honest space: every job reserves, when it is recorded, the bytes its steps will write on each
// domain, and gives them back at its commit or rollback. A placement sees a domain's free space
// minus what jobs in flight have still to write, so concurrent requests cannot together push a
// domain below its critical blocker (oVirt checks each command alone). The check and the
// reservation happen in the job's own transaction, after a compare-and-set on the domain row
// that serialises reservers of one domain (a row lock on PostgreSQL, the one writer on SQLite).

/** The space a step needs on a domain, as its kind declares it. */
export function opReservation(op: StepOp): SpaceNeed | null {
  return operationOf(op).needsSpace?.(op) ?? null;
}

async function allocated(file: string) {
  return stat(file).then((s) => s.blocks * 512, () => 0);
}

/** Per domain: bytes that jobs in flight have reserved and not written yet. */
export async function outstandingReservations(tx: Pick<Tx, "spaceReservation">, domainIds: string[], exceptJobId?: string) {
  const rows = await tx.spaceReservation.findMany({ where: { storageDomainId: { in: domainIds }, ...(exceptJobId ? { jobId: { not: exceptJobId } } : {}) } });
  const result = new Map<string, { bytes: number; provisionedBytes: number }>();
  for (const row of rows) {
    const entry = result.get(row.storageDomainId) ?? { bytes: 0, provisionedBytes: 0 };
    entry.bytes += Math.max(0, Number(row.bytes) - (await allocated(row.path)));
    entry.provisionedBytes += Number(row.provisionedBytes);
    result.set(row.storageDomainId, entry);
  }
  return result;
}

/** Committed bytes per domain: the provisioned size of every disk placed there (each template copy counts), one grouped query. */
export async function committedBytes(tx: Pick<Tx, "$queryRaw">, domainIds: string[]) {
  if (!domainIds.length) return new Map<string, number>();
  const rows = await tx.$queryRaw<{ domainId: string; bytes: bigint | number | string }[]>(Prisma.sql`
    SELECT "storageDomainId" AS "domainId", SUM("capacity") AS "bytes" FROM "Volume"
    WHERE "leaf" = true AND "storageDomainId" IN (${Prisma.join(domainIds)})
    GROUP BY "storageDomainId"`);
  return new Map(rows.map((row) => [row.domainId, Number(row.bytes)]));
}

/** Checks and records the job's reservations; throws (and the job's transaction rolls back) when a domain lacks room. */
export async function reserveSpace(tx: Tx, jobId: string, plan: JobPlan, description: string) {
  const wanted = plan.ops.flatMap((op) => opReservation(op) ?? []);
  const byDomain = new Map<string, SpaceNeed[]>();
  for (const r of wanted) byDomain.set(r.storageDomainId, [...(byDomain.get(r.storageDomainId) ?? []), r]);

  for (const [domainId, reservations] of byDomain) {
    // The compare-and-set both serialises reservers of this domain and proves it still active.
    const { count } = await tx.storageDomain.updateMany({ where: { id: domainId, status: "active" }, data: { status: "active" } });
    const domain = await tx.storageDomain.findUniqueOrThrow({ where: { id: domainId } });
    if (!count) throw new AppError("STORAGE_DOMAIN_INACTIVE", `Cannot start ${description}: storage domain ${domain.name} is ${domain.status}.`);
    const needed = reservations.reduce((sum, r) => sum + r.bytes, 0);
    const other = (await outstandingReservations(tx, [domainId], jobId)).get(domainId) ?? { bytes: 0, provisionedBytes: 0 };
    const { freeBytes, totalBytes } = await domainSpace(domain);
    const blocker = domain.criticalSpaceGb * GiB;
    if (freeBytes - other.bytes - needed < blocker) {
      throw new AppError(
        "INSUFFICIENT_SPACE",
        `Cannot start ${description}: storage domain ${domain.name} lacks space. It needs ${formatBytes(needed)}; ${formatBytes(freeBytes)} is free, ${formatBytes(other.bytes)} of it reserved by jobs in flight, and ${formatBytes(blocker)} must stay free.`,
      );
    }
    if (domain.maxOvercommitPct !== null) {
      const provisioned = reservations.reduce((sum, r) => sum + r.provisionedBytes, 0);
      const committed = ((await committedBytes(tx, [domainId])).get(domainId) ?? 0) + other.provisionedBytes;
      const limit = (totalBytes * domain.maxOvercommitPct) / 100;
      if (provisioned > 0 && committed + provisioned > limit) {
        throw new AppError(
          "INSUFFICIENT_SPACE",
          `Cannot start ${description}: storage domain ${domain.name} would be overcommitted. ${formatBytes(committed)} is committed and ${formatBytes(provisioned)} more is asked; its limit is ${domain.maxOvercommitPct} % of ${formatBytes(totalBytes)} (${formatBytes(limit)}).`,
        );
      }
    }
    await tx.spaceReservation.createMany({
      data: reservations.map((r) => ({ id: randomUUID(), jobId, storageDomainId: domainId, path: r.path, bytes: BigInt(r.bytes), provisionedBytes: BigInt(r.provisionedBytes) })),
    });
  }
}

export async function releaseReservations(tx: Pick<Tx, "spaceReservation">, jobId: string) {
  await tx.spaceReservation.deleteMany({ where: { jobId } });
}
