import "server-only";
import { db } from "@/lib/db";
import { GiB } from "@/lib/schemas/common";
import { domainSpace } from "@/lib/storage/driver";
import { committedBytes, outstandingReservations } from "./reservations";

// A domain's space as an administrator reads it: total and free from the real filesystem,
// reserved = what jobs in flight have still to write there, committed = provisioned sizes of
// the disks placed there (each template copy counts) against the optional overcommit limit,
// and the thresholds that turn the bar amber (warning) and red (critical: operations refused).

export interface DomainUsage {
  totalBytes: number;
  freeBytes: number;
  usedBytes: number;
  reservedBytes: number;
  committedBytes: number;
  /** Committed bytes as a % of the domain's size (thin overcommit). */
  overcommitPct: number;
  lowSpace: boolean;
  critical: boolean;
}

export async function domainUsage(domains: { id: string; path: string; warningLowSpacePct: number; criticalSpaceGb: number }[]) {
  const ids = domains.map((d) => d.id);
  // statfs runs on libuv's threads while the database answers: all domains at once.
  const spaces = Promise.all(domains.map((domain) => domainSpace(domain).catch(() => ({ totalBytes: 0, freeBytes: 0 }))));
  const committed = await committedBytes(db, ids);
  const reserved = await outstandingReservations(db, ids);
  const result = new Map<string, DomainUsage>();
  for (const [index, domain] of domains.entries()) {
    const { totalBytes, freeBytes } = (await spaces)[index];
    const committedHere = committed.get(domain.id) ?? 0;
    result.set(domain.id, {
      totalBytes,
      freeBytes,
      usedBytes: totalBytes - freeBytes,
      reservedBytes: reserved.get(domain.id)?.bytes ?? 0,
      committedBytes: committedHere,
      overcommitPct: totalBytes > 0 ? Math.round((committedHere / totalBytes) * 100) : 0,
      lowSpace: totalBytes > 0 && (freeBytes / totalBytes) * 100 < domain.warningLowSpacePct,
      critical: freeBytes < domain.criticalSpaceGb * GiB,
    });
  }
  return result;
}
