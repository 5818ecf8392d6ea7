import "server-only";
import { db } from "@/lib/db";
import { AppError, type ErrorCode } from "@/lib/errors";
import { domainSpace } from "@/lib/storage/driver";
import { GiB } from "@/lib/schemas/common";
export { copyBytes, newDiskBytes } from "./space-estimates";
import { formatBytes } from "@/lib/format";
import { requireDomainsVerified } from "./domain-health";
import { outstandingReservations } from "./reservations";

// Where disks may go. Every target of a multi-disk operation is checked before anything
// starts, and every offending disk is reported at once. Targets must verify (domain-health.ts)
// and keep their critical reserve after what jobs in flight have still to write there; the job's
// own transaction checks the space again and reserves it (reservations.ts).

export interface Placement {
  storageDomainId: string;
  /** Bytes the operation will write there (see the estimates below). */
  bytes: number;
  /** "Disk 'db-data'", for messages. */
  what: string;
  /** The input field the placement came from, for inline form errors. */
  field: string;
}

export async function checkPlacements(action: string, placements: Placement[]) {
  const ids = [...new Set(placements.map((p) => p.storageDomainId))];
  const domains = new Map((await db.storageDomain.findMany({ where: { id: { in: ids } } })).map((d) => [d.id, d]));
  const problems: { code: ErrorCode; field: string; message: string }[] = [];

  for (const p of placements) {
    const domain = domains.get(p.storageDomainId);
    if (!domain) problems.push({ code: "NOT_FOUND", field: p.field, message: `Storage Domain ${p.storageDomainId} doesn't exist.` });
    else if (domain.type !== "data")
      problems.push({ code: "VALIDATION", field: p.field, message: `Storage domain ${domain.name} is an ${domain.type} domain; disks go on data domains.` });
    else if (domain.status !== "active")
      problems.push({ code: "STORAGE_DOMAIN_INACTIVE", field: p.field, message: `Target storage domain ${domain.name} is ${domain.status === "maintenance" ? "in maintenance" : domain.status}.` });
  }

  const usable = [...domains.values()].filter((d) => d.type === "data" && d.status === "active");
  if (!problems.length) await requireDomainsVerified(usable.map((d) => d.id), action);
  const reserved = await outstandingReservations(db, usable.map((d) => d.id));
  for (const domain of usable) {
    const here = placements.filter((p) => p.storageDomainId === domain.id);
    const needed = here.reduce((sum, p) => sum + p.bytes, 0);
    const { freeBytes } = await domainSpace(domain);
    const inFlight = reserved.get(domain.id)?.bytes ?? 0;
    const reserve = domain.criticalSpaceGb * GiB;
    if (freeBytes - inFlight - needed < reserve) {
      for (const p of here) {
        problems.push({
          code: "INSUFFICIENT_SPACE",
          field: p.field,
          message: `Storage domain ${domain.name} lacks space for ${p.what}: the operation needs ${formatBytes(needed)}; ${formatBytes(freeBytes)} is free, ${formatBytes(inFlight)} of it reserved by jobs in flight, and ${formatBytes(reserve)} must stay free.`,
        });
      }
    }
  }

  if (problems.length) {
    const details = [...new Set(problems.map((p) => p.message))].join(" ");
    throw new AppError(problems[0].code, `Cannot ${action}. ${details}`, Object.fromEntries(problems.map((p) => [p.field, p.message])));
  }
  return domains;
}
