import { copyBytes } from "@/lib/storage-domains/space-estimates";
import Link from "next/link";
import { currentActor } from "@/app/_lib/current-actor";
import { orNotFound } from "../../_lib/or-not-found";
import { DetailSubtitle, PageHeader } from "@/components/page-header";
import { TabsNav } from "@/components/ui/tabs-nav";
import { StatusBadge } from "@/components/ui/status-badge";
import { EventList } from "@/components/event-list";
import { getVm } from "@/lib/queries/list-vms";
import { snapshotsOf } from "@/lib/queries/vm-snapshots";
import { listDisks } from "@/lib/queries/list-disks";
import { domainSpaces } from "@/lib/queries/list-storage-domains";
import { listEvents } from "@/lib/queries/list-jobs";
import { parseListParams } from "@/lib/queries/pagination";
import { formatBytes } from "@/lib/format";
import { VmDiskTable } from "./_components/vm-disk-table";
import { VmRemoveDialog } from "./_components/vm-remove-dialog";
import { vmNotDownReason } from "@/lib/entities/state-rules";
import { ExportDialog } from "@/components/export-dialog";
import { OvaExportDialog } from "@/components/ova-export-dialog";
import { ovaRoots } from "@/lib/ova/ova-paths";
import { exportOvaAction } from "@/app/actions/ova-actions";
import { TemplateFromVmDialog } from "./_components/template-from-vm-dialog";
import { SnapshotPanel } from "./_components/snapshot-panel";
import { VmPowerButtons } from "./_components/vm-power-buttons";
import { VmConsole } from "./_components/vm-console";
import { exportAction } from "@/app/actions/transfer-actions";

export const dynamic = "force-dynamic";

const tabs = [
  { id: "general", label: "General" },
  { id: "disks", label: "Virtual Disks" },
  { id: "snapshots", label: "Snapshots" },
  { id: "console", label: "Console" },
  { id: "events", label: "Events" },
];

export default async function VmPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string>> }) {
  const { id } = await params;
  const query = await searchParams;
  const tab = tabs.some((t) => t.id === query.tab) ? query.tab : "general";
  const actor = await currentActor();
  const [vm, disks, domains] = await Promise.all([orNotFound(getVm(id, actor)), listDisks(parseListParams({ pageSize: "500" }), { vmId: id }, actor), domainSpaces(actor)]);
  const exportDomains = domains.filter((d) => d.type === "export");

  return (
    <>
      <PageHeader
        title={vm.name}
        subtitle={<DetailSubtitle parentHref="/vms" parentLabel="Virtual Machines" status={vm.status} />}
      >
        <VmPowerButtons vmId={vm.id} vmName={vm.name} status={vm.status} domains={domains} memoryMb={vm.memoryMb} />
        <TemplateFromVmDialog vmId={vm.id} vmName={vm.name} disks={disks.rows} domains={domains} />
        <ExportDialog exportAction={exportAction} id={vm.id} kind="vm" exportDomains={exportDomains} neededBytes={disks.rows.reduce((sum, d) => sum + copyBytes(d.actualSize), 0)} />
        <OvaExportDialog id={vm.id} name={vm.name} kind="vm" folders={ovaRoots()} neededBytes={disks.rows.reduce((sum, d) => sum + copyBytes(d.actualSize), 0)} exportOvaAction={exportOvaAction} disabledReason={vmNotDownReason(vm)} />
        <VmRemoveDialog vmId={vm.id} vmName={vm.name} diskCount={disks.total} disabledReason={vmNotDownReason(vm)} />
      </PageHeader>
      <TabsNav base={`/vms/${vm.id}`} tabs={tabs} current={tab} />
      {tab === "general" && (
        <dl className="grid max-w-2xl grid-cols-[10rem_1fr] gap-y-1 rounded border border-slate-200 bg-white p-4 text-sm">
          <dt className="text-slate-600">Name</dt>
          <dd>{vm.name}</dd>
          <dt className="text-slate-600">Description</dt>
          <dd>{vm.description || "—"}</dd>
          <dt className="text-slate-600">Status</dt>
          <dd>
            <StatusBadge status={vm.status} />
          </dd>
          <dt className="text-slate-600">Template</dt>
          <dd>{vm.template ? <Link className="text-sky-700 hover:underline" href={`/templates/${vm.template.id}`}>{vm.template.name}</Link> : "Blank"}</dd>
          <dt className="text-slate-600">Cluster</dt>
          <dd>{vm.cluster.name}</dd>
          <dt className="text-slate-600">CPUs</dt>
          <dd>{vm.cpus}</dd>
          <dt className="text-slate-600">Memory</dt>
          <dd>{formatBytes(vm.memoryMb * 1024 * 1024)}</dd>
          <dt className="text-slate-600">Disks</dt>
          <dd>
            {disks.total} on {new Set(disks.rows.flatMap((d) => d.storageDomains.map((s) => s.name))).size} storage domain(s)
          </dd>
          <dt className="text-slate-600">Created</dt>
          <dd>{vm.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</dd>
        </dl>
      )}
      {tab === "disks" && <VmDiskTable vmId={vm.id} rows={disks.rows} domains={domains} />}
      {tab === "snapshots" && (
        <SnapshotPanel vmId={vm.id} snapshots={snapshotsOf(vm).snapshots.map((s) => ({ id: s.id, description: s.description, status: s.status, createdAt: s.createdAt.toISOString(), type: s.type }))} />
      )}
      {tab === "console" && <VmConsole vmId={vm.id} running={vm.status === "up" || vm.status === "paused"} />}
      {tab === "events" && <EventList events={await listEvents(actor, { objectId: vm.id })} />}
    </>
  );
}
