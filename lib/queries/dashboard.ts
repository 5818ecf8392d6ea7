import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/actor";
import { diskWhere, templateWhere, vmWhere } from "@/lib/auth/visibility";
import { listStorageDomains, type StorageDomainRow } from "./list-storage-domains";
import { listEvents, listJobs } from "./list-jobs";

// The landing page's overview: how full each domain is (those near or past a threshold first),
// what runs now, what went wrong lately, and how many VMs, disks and templates are in each state.

const RECENT_PROBLEMS = 10;

/** Critical first, then low on space, then the fullest. */
function urgency(domain: StorageDomainRow) {
  const used = domain.totalBytes ? domain.usedBytes / domain.totalBytes : 0;
  return (domain.critical ? 2 : domain.lowSpace ? 1 : 0) + used;
}

function byStatus(rows: { status: string; _count: { _all: number } }[]): Record<string, number> {
  return Object.fromEntries(rows.map((row) => [row.status, row._count._all]));
}

export async function dashboardSummary(actor: Actor) {
  const [domains, jobs, problems, vms, disks, templates] = await Promise.all([
    listStorageDomains(actor),
    listJobs(actor, { active: true, take: 20 }),
    listEvents(actor, { take: RECENT_PROBLEMS, severities: ["error", "warning"] }),
    db.vm.groupBy({ by: ["status"], where: await vmWhere(actor), _count: { _all: true } }),
    db.disk.groupBy({ by: ["status"], where: await diskWhere(actor), _count: { _all: true } }),
    db.template.groupBy({ by: ["status"], where: await templateWhere(actor), _count: { _all: true } }),
  ]);
  return {
    domains: [...domains].sort((a, b) => urgency(b) - urgency(a) || a.name.localeCompare(b.name)),
    jobs,
    problems,
    counts: { vms: byStatus(vms), disks: byStatus(disks), templates: byStatus(templates) },
  };
}
export type DashboardSummary = Awaited<ReturnType<typeof dashboardSummary>>;
