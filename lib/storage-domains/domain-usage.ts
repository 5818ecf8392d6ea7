import "server-only";
import { db } from "@/lib/db";
import { GiB } from "@/lib/schemas/common";
import { domainSpace } from "@/lib/storage/driver";

// A domain's space as an administrator reads it: total and free from the real filesystem,
// committed = provisioned sizes of the disks placed there (each template copy counts), and
// the thresholds that turn the bar amber (warning) and red (critical: operations refused).

export interface DomainUsage {
  totalBytes: number;
  freeBytes: number;
  usedBytes: number;
  committedBytes: number;
  lowSpace: boolean;
  critical: boolean;
}

export async function domainUsage(domains: { id: string; path: string; warningLowSpacePct: number; criticalSpaceGb: number }[]) {
  const committed = await committedBytes(domains.map((d) => d.id));
  const result = new Map<string, DomainUsage>();
  for (const domain of domains) {
    const { totalBytes, freeBytes } = await domainSpace(domain).catch(() => ({ totalBytes: 0, freeBytes: 0 }));
    result.set(domain.id, {
      totalBytes,
      freeBytes,
      usedBytes: totalBytes - freeBytes,
      committedBytes: committed.get(domain.id) ?? 0,
      lowSpace: totalBytes > 0 && (freeBytes / totalBytes) * 100 < domain.warningLowSpacePct,
      critical: freeBytes < domain.criticalSpaceGb * GiB,
    });
  }
  return result;
}

async function committedBytes(domainIds: string[]) {
  // One row per (disk, domain): a disk's chain counts once per domain it has volumes on.
  const placements = await db.volume.findMany({
    where: { storageDomainId: { in: domainIds }, leaf: true },
    select: { storageDomainId: true, disk: { select: { provisionedSize: true } } },
  });
  const sums = new Map<string, number>();
  for (const p of placements) sums.set(p.storageDomainId, (sums.get(p.storageDomainId) ?? 0) + Number(p.disk.provisionedSize));
  return sums;
}
