// Space an operation needs on a target domain, as oVirt estimates it. Pure, so the domain
// pickers in the browser show the same "free after" figure the server then checks.

import { GiB, MiB } from "@/lib/schemas/common";

export { GiB, MiB };

/** A new thin disk on a file domain ≈ 1 MiB; preallocated = its full size. */
export function newDiskBytes(disk: { provisionedSize: number; allocation: string }) {
  return disk.allocation === "preallocated" ? disk.provisionedSize : MiB;
}

/** A copy needs its source's allocated size plus 10 % for metadata growth. */
export function copyBytes(actualSize: number) {
  return Math.ceil(actualSize * 1.1) + MiB;
}

export interface DomainSpace {
  id: string;
  name: string;
  type: string;
  status: string;
  freeBytes: number;
  /** What jobs in flight have still to write there. */
  reservedBytes: number;
  totalBytes: number;
  criticalSpaceGb: number;
  /** Virtual sizes of the disks placed there (thin overcommit). */
  committedBytes: number;
  /** Committed may not pass this share of the domain's size (null: no limit). */
  maxOvercommitPct: number | null;
}

/**
 * Why a domain cannot take `neededBytes` more (null when it can): the picker's inline reason.
 * `provisionedBytes`: the virtual size the placement commits there, held against the domain's
 * overcommit limit as the server does.
 */
export function placementRefusal(domain: DomainSpace, neededBytes: number, provisionedBytes = 0) {
  if (domain.type !== "data") return `${domain.type} domain: disks go on data domains`;
  if (domain.status !== "active") return domain.status === "maintenance" ? "in maintenance" : domain.status;
  const after = domain.freeBytes - domain.reservedBytes - neededBytes;
  if (after < domain.criticalSpaceGb * GiB) return `would fall under the critical threshold (${domain.criticalSpaceGb} GiB free)`;
  if (domain.maxOvercommitPct !== null && provisionedBytes > 0 && domain.committedBytes + provisionedBytes > (domain.totalBytes * domain.maxOvercommitPct) / 100) {
    return `would be overcommitted beyond ${domain.maxOvercommitPct} % of its size`;
  }
  return null;
}
