import { EmptyRow, SimpleTable } from "@/components/ui/simple-table";
import Link from "next/link";
import { currentActor } from "@/app/_lib/current-actor";
import type { Actor } from "@/lib/actor";
import { orNotFound } from "../../_lib/or-not-found";
import { DetailSubtitle, PageHeader } from "@/components/page-header";
import { TabsNav } from "@/components/ui/tabs-nav";
import { StatusBadge } from "@/components/ui/status-badge";
import { EventList } from "@/components/event-list";
import { DiskTable } from "@/components/disk-table";
import { domainSpaces, getStorageDomain, templatesOnStorageDomain, vmsOnStorageDomain } from "@/lib/queries/list-storage-domains";
import { listDisks } from "@/lib/queries/list-disks";
import { listEvents } from "@/lib/queries/list-jobs";
import { parseListParams } from "@/lib/queries/pagination";
import { listExported } from "@/lib/transfer/exported";
import { formatBytes } from "@/lib/format";
import { listDataCenters } from "@/lib/queries/list-clusters";
import { StorageDomainLifecycleButtons } from "./_components/storage-domain-lifecycle-buttons";
import { StorageDomainGeneral } from "./_components/storage-domain-general";
import { StorageDomainThresholdsDialog } from "./_components/storage-domain-thresholds-dialog";
import { ImportDialog } from "./_components/import-dialog";
import { ExportedRemoveButton } from "./_components/exported-remove-button";
import { RegisterDialog } from "./_components/register-dialog";
import { registerCandidates } from "@/lib/storage-domains/register-candidates";
import { listClusters } from "@/lib/queries/list-clusters";

export const dynamic = "force-dynamic";

const dataTabs = [
  { id: "general", label: "General" },
  { id: "disks", label: "Virtual Disks" },
  { id: "vms", label: "Virtual Machines" },
  { id: "templates", label: "Templates" },
  { id: "vm-import", label: "VM Import" },
  { id: "template-import", label: "Template Import" },
  { id: "disk-import", label: "Disk Import" },
  { id: "events", label: "Events" },
];
const registerKinds = { "vm-import": "vm", "template-import": "template", "disk-import": "disk" } as const;
const exportTabs = [
  { id: "general", label: "General" },
  { id: "vm-import", label: "VM Import" },
  { id: "template-import", label: "Template Import" },
  { id: "events", label: "Events" },
];

export default async function StorageDomainPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string>> }) {
  const { id } = await params;
  const query = await searchParams;
  const actor = await currentActor();
  const [domain, dataCenters] = await Promise.all([orNotFound(getStorageDomain(id, actor)), listDataCenters()]);
  const tabs = domain.type === "export" ? exportTabs : dataTabs;
  const tab = tabs.some((t) => t.id === query.tab) ? query.tab : "general";
  const listParams = parseListParams(query);

  return (
    <>
      <PageHeader
        title={domain.name}
        subtitle={
          <DetailSubtitle parentHref="/storage" parentLabel="Storage" status={domain.status}>
            {domain.type} domain
          </DetailSubtitle>
        }
      >
        <StorageDomainThresholdsDialog domain={domain} />
        <StorageDomainLifecycleButtons domain={domain} dataCenters={dataCenters.map(({ id, name }) => ({ id, name }))} />
      </PageHeader>
      {domain.status === "inactive" && (
        <p role="status" className="mb-3 max-w-3xl rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          Inactive{domain.lastError ? `: ${domain.lastError}` : ""}. The monitor activates it again once it verifies.
        </p>
      )}
      <TabsNav base={`/storage/${domain.id}`} tabs={tabs} current={tab} />
      {tab === "general" && <StorageDomainGeneral domain={domain} dataCenterName={dataCenters.find((dc) => dc.id === domain.dataCenterId)?.name ?? null} now={Date.now()} />}
      {tab === "disks" && <DiskTable label="Disks on this domain" showOwner params={listParams} {...await listDisks(listParams, { storageDomainId: domain.id }, actor)} />}
      {tab === "vms" && <VmsOnDomain domainId={domain.id} actor={actor} />}
      {tab === "templates" && <TemplatesOnDomain domainId={domain.id} actor={actor} />}
      {domain.type === "export" && (tab === "vm-import" || tab === "template-import") && <Importable exportDomainId={domain.id} kind={tab === "vm-import" ? "vm" : "template"} actor={actor} />}
      {domain.type === "data" && tab in registerKinds && <Registrable storageDomainId={domain.id} kind={registerKinds[tab as keyof typeof registerKinds]} />}
      {tab === "events" && <EventList events={await listEvents(actor, { objectId: domain.id })} />}
    </>
  );
}

async function VmsOnDomain({ domainId, actor }: { domainId: string; actor: Actor }) {
  const vms = await vmsOnStorageDomain(domainId, actor);
  return (
    <SimpleTable label="Virtual machines on this domain" className="w-full max-w-4xl" headers={["VM", "Status", "Its disks on this domain", "Size here (actual / virtual)"]}>
        {vms.map((vm) => (
          <tr key={vm.id} className="border-t border-slate-100">
            <td className="px-3 py-1.5">
              <Link className="text-sky-700 hover:underline" href={`/vms/${vm.id}?tab=disks`}>
                {vm.name}
              </Link>
            </td>
            <td className="px-3 py-1.5">
              <StatusBadge status={vm.status} />
            </td>
            <td className="px-3 py-1.5">{vm.disks.join(", ")}</td>
            <td className="px-3 py-1.5">
              {formatBytes(vm.actualBytes)} / {formatBytes(vm.provisionedBytes)}
            </td>
          </tr>
        ))}
        {vms.length === 0 && (
          <EmptyRow columns={4}>No VM has disks here.</EmptyRow>
        )}
      </SimpleTable>
  );
}

async function TemplatesOnDomain({ domainId, actor }: { domainId: string; actor: Actor }) {
  const templates = await templatesOnStorageDomain(domainId, actor);
  return (
    <ul className="list-inside list-disc text-sm">
      {templates.map((t) => (
        <li key={t.id}>
          <Link className="text-sky-700 hover:underline" href={`/templates/${t.id}`}>
            {t.name}
          </Link>{" "}
          ({t.attachments.map((a) => a.disk.alias).join(", ")})
        </li>
      ))}
      {templates.length === 0 && <li className="text-slate-500">No template has a disk copy here.</li>}
    </ul>
  );
}

async function Importable({ exportDomainId, kind, actor }: { exportDomainId: string; kind: "vm" | "template"; actor: Actor }) {
  const [items, domains] = await Promise.all([listExported(exportDomainId, kind === "vm" ? "vms" : "templates"), domainSpaces(actor)]);
  return (
    <SimpleTable label={kind === "vm" ? "VMs to import" : "Templates to import"} className="w-full max-w-4xl" headers={["Name", "Disks", "Exported", "Action"]}>
        {items.map((item) => (
          <tr key={item.id} className="border-t border-slate-100">
            <td className="px-3 py-1.5 font-medium">{item.name}</td>
            <td className="px-3 py-1.5">{item.disks.map((d) => `${d.alias} (${formatBytes(d.provisionedSize)})`).join(", ")}</td>
            <td className="px-3 py-1.5">{item.exportedAt.replace("T", " ").slice(0, 19)}</td>
            <td className="px-3 py-1.5">
              <div className="flex gap-2">
                <ImportDialog kind={kind} exportDomainId={exportDomainId} item={item} domains={domains} />
                <ExportedRemoveButton storageDomainId={exportDomainId} kind={kind} id={item.id} name={item.name} disks={item.disks.length} />
              </div>
            </td>
          </tr>
        ))}
        {items.length === 0 && (
          <EmptyRow columns={4}>Nothing exported here yet.</EmptyRow>
        )}
      </SimpleTable>
  );
}

const REGISTER_LABELS = { vm: ["VMs to register", "No VM to register: everything this domain's OVF store describes is in the portal."], template: ["Templates to register", "No template to register."], disk: ["Disks to register", "No floating disk to register."] } as const;

async function Registrable({ storageDomainId, kind }: { storageDomainId: string; kind: "vm" | "template" | "disk" }) {
  const [items, clusters] = await Promise.all([registerCandidates(storageDomainId, kind), listClusters()]);
  const [label, empty] = REGISTER_LABELS[kind];
  return (
    <SimpleTable label={label} className="w-full max-w-5xl" headers={["Name", "Disks (where their volumes are)", "Action"]}>
      {items.map((item) => (
        <tr key={item.id} className="border-t border-slate-100">
          <td className="px-3 py-1.5 font-medium">
            {item.name}
            {item.inPortal && <span className="ml-2 text-xs text-slate-500">(in the portal)</span>}
          </td>
          <td className="px-3 py-1.5">
            {item.disks.map((d) => (
              <div key={d.diskId} className={d.available ? "" : "text-amber-700"}>
                {d.alias}: {d.where}
              </div>
            ))}
          </td>
          <td className="px-3 py-1.5">
            <RegisterDialog storageDomainId={storageDomainId} item={item} clusters={clusters.map(({ id, name }) => ({ id, name }))} />
          </td>
        </tr>
      ))}
      {items.length === 0 && <EmptyRow columns={3}>{empty}</EmptyRow>}
    </SimpleTable>
  );
}
