import Link from "next/link";
import { currentActor } from "@/app/_lib/current-actor";
import { cancelJobAction } from "@/app/actions/job-actions";
import { PageHeader } from "@/components/page-header";
import { DomainCapacityChart } from "@/components/domain-capacity-chart";
import { EventList } from "@/components/event-list";
import { JobList } from "@/components/job-list";
import { UsageBar } from "@/components/ui/usage-bar";
import { formatBytes } from "@/lib/format";
import { dashboardSummary, type DashboardSummary } from "@/lib/queries/dashboard";

export const dynamic = "force-dynamic";

const GiB = 1024 ** 3;

function StatusCounts({ title, href, counts }: { title: string; href: string; counts: Record<string, number> }) {
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return (
    <section aria-label={title} className="rounded border border-slate-200 bg-white p-3">
      <h2 className="text-sm font-semibold">
        <Link href={href} className="hover:underline">
          {title}
        </Link>
      </h2>
      <p className="text-2xl font-semibold">{total}</p>
      <p className="text-xs text-slate-600">{Object.entries(counts).map(([status, n]) => `${n} ${status.replaceAll("_", " ")}`).join(" · ") || "none"}</p>
    </section>
  );
}

function capacity(domains: DashboardSummary["domains"]) {
  return domains
    .filter((d) => d.totalBytes > 0)
    .map((d) => ({
      name: d.name,
      usedGiB: d.usedBytes / GiB,
      reservedGiB: Math.min(d.reservedBytes, d.freeBytes) / GiB,
      freeGiB: Math.max(d.freeBytes - d.reservedBytes, 0) / GiB,
      committedLabel: `committed ${formatBytes(d.committedBytes)} (${d.overcommitPct} %)`,
      usedText: formatBytes(d.usedBytes),
      freeText: formatBytes(d.freeBytes),
      level: d.critical ? ("critical" as const) : d.lowSpace ? ("low" as const) : ("ok" as const),
    }));
}

export default async function Dashboard() {
  const summary = await dashboardSummary(await currentActor());
  const attention = summary.domains.filter((d) => d.critical || d.lowSpace || d.status !== "active");
  return (
    <>
      <PageHeader title="Dashboard" subtitle="Capacity, running work and recent problems at a glance." />
      <div className="space-y-4">
        <div className="grid grid-cols-3 gap-3">
          <StatusCounts title="Virtual machines" href="/vms" counts={summary.counts.vms} />
          <StatusCounts title="Disks" href="/disks" counts={summary.counts.disks} />
          <StatusCounts title="Templates" href="/templates" counts={summary.counts.templates} />
        </div>
        <section aria-label="Storage domains needing attention" className="space-y-1">
          <h2 className="text-sm font-semibold">Storage domains needing attention</h2>
          {attention.length === 0 ? (
            <p className="text-sm text-slate-600">Every domain is active and above its thresholds.</p>
          ) : (
            <ul className="space-y-1">
              {attention.map((d) => (
                <li key={d.id} className="flex items-center gap-3 text-sm">
                  <Link href={`/storage/${d.id}`} className="w-40 font-medium hover:underline">
                    {d.name}
                  </Link>
                  <span className="w-20 text-xs text-slate-600">{d.status}</span>
                  <UsageBar totalBytes={d.totalBytes} freeBytes={d.freeBytes} reservedBytes={d.reservedBytes} warningLowSpacePct={d.warningLowSpacePct} criticalSpaceGb={d.criticalSpaceGb} label={`${d.name} space`} />
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-label="Capacity" className="space-y-1">
          <h2 className="text-sm font-semibold">Capacity of every storage domain (most urgent first)</h2>
          <DomainCapacityChart domains={capacity(summary.domains)} />
        </section>
        <section aria-label="Running jobs" className="space-y-1">
          <h2 className="text-sm font-semibold">Running jobs</h2>
          {summary.jobs.length ? <JobList jobs={summary.jobs} compact cancelAction={cancelJobAction} /> : <p className="text-sm text-slate-600">Nothing is running.</p>}
        </section>
        <section aria-label="Recent problems" className="space-y-1">
          <h2 className="text-sm font-semibold">
            Recent failures and warnings (<Link href="/events" className="hover:underline">all events</Link>)
          </h2>
          <EventList events={summary.problems} />
        </section>
      </div>
    </>
  );
}
