import { SimpleTable } from "@/components/ui/simple-table";
import Link from "next/link";
import { currentActor } from "@/app/_lib/current-actor";
import { orNotFound } from "../../_lib/or-not-found";
import { DetailSubtitle, PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { getTemplate, templateChoices } from "@/lib/queries/list-templates";
import { domainSpaces } from "@/lib/queries/list-storage-domains";
import { formatBytes } from "@/lib/format";
import { copyBytes } from "@/lib/storage-domains/space-estimates";
import { VmFromTemplateDialog } from "@/app/(portal)/vms/_components/vm-from-template-dialog";
import { ExportDialog } from "@/components/export-dialog";
import { OvaExportDialog } from "@/components/ova-export-dialog";
import { ovaRoots } from "@/lib/ova/ova-paths";
import { exportOvaAction } from "@/app/actions/ova-actions";
import { TemplateCloneDialog } from "./_components/template-clone-dialog";
import { TemplateCopyDiskDialog } from "./_components/template-copy-disk-dialog";
import { TemplateRemoveButton } from "./_components/template-remove-button";
import { exportAction } from "@/app/actions/transfer-actions";
import { removeTemplateDiskCopyAction } from "@/app/actions/template-actions";
import { ConfirmActionButton } from "@/components/confirm-action-button";
import { TabsNav } from "@/components/ui/tabs-nav";
import { EventList } from "@/components/event-list";
import { listEvents } from "@/lib/queries/list-jobs";
import { objectPermissions } from "@/lib/queries/object-permissions";

export const dynamic = "force-dynamic";

// oVirt's template sub-tabs.
const tabs = [
  { id: "disks", label: "Disks" },
  { id: "vms", label: "Virtual Machines" },
  { id: "storage", label: "Storage" },
  { id: "events", label: "Events" },
  { id: "permissions", label: "Permissions" },
];

export default async function TemplatePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string>> }) {
  const { id } = await params;
  const query = await searchParams;
  const tab = tabs.some((t) => t.id === query.tab) ? query.tab : "disks";
  const actor = await currentActor();
  const [template, domains, choices] = await Promise.all([orNotFound(getTemplate(id, actor)), domainSpaces(actor), templateChoices(actor)]);
  const disks = template.attachments.map(({ disk, interface: iface, bootable }) => ({
    id: disk.id,
    alias: disk.alias,
    provisionedSize: Number(disk.provisionedSize),
    format: disk.format,
    status: disk.status,
    interface: iface,
    bootable,
    copies: disk.volumes.map((v) => ({ domainId: v.storageDomain.id, domainName: v.storageDomain.name, actualSize: Number(v.actualSize) })),
  }));
  return (
    <>
      <PageHeader
        title={template.name}
        subtitle={<DetailSubtitle parentHref="/templates" parentLabel="Templates" status={template.status} />}
      >
        {choices.some((c) => c.id === template.id) && <VmFromTemplateDialog domains={domains} templates={choices} initialTemplateId={template.id} />}
        <TemplateCloneDialog templateId={template.id} templateName={template.name} disks={disks} domains={domains} />
        <ExportDialog
          exportAction={exportAction}
          id={template.id}
          kind="template"
          exportDomains={domains.filter((d) => d.type === "export")}
          neededBytes={disks.reduce((sum, d) => sum + copyBytes(Math.max(0, ...d.copies.map((c) => c.actualSize))), 0)}
        />
        <OvaExportDialog
          id={template.id}
          name={template.name}
          kind="template"
          folders={ovaRoots()}
          neededBytes={disks.reduce((sum, d) => sum + copyBytes(Math.max(0, ...d.copies.map((c) => c.actualSize))), 0)}
          exportOvaAction={exportOvaAction}
        />
        <TemplateRemoveButton templateId={template.id} templateName={template.name} />
      </PageHeader>
      <TabsNav base={`/templates/${template.id}`} tabs={tabs} current={tab} />
      {tab === "disks" && (
      <SimpleTable label="Template disks" className="mb-6 w-full" headers={["Alias", "Virtual size", "Interface", "Status", "Copies (storage domain: actual size)", "Actions"]}>
          {disks.map((disk) => (
            <tr key={disk.id} className="border-t border-slate-100">
              <td className="px-3 py-1.5 font-medium">{disk.alias}</td>
              <td className="px-3 py-1.5">{formatBytes(disk.provisionedSize)}</td>
              <td className="px-3 py-1.5">{disk.interface}</td>
              <td className="px-3 py-1.5">
                <StatusBadge status={disk.status} />
              </td>
              <td className="px-3 py-1.5">
                <ul aria-label={`Copies of ${disk.alias}`} className="space-y-1">
                  {disk.copies.map((c) => (
                    <li key={c.domainId} className="flex items-center gap-2">
                      <span>
                        {c.domainName}: {formatBytes(c.actualSize)}
                      </span>
                      <ConfirmActionButton
                        label="Remove copy"
                        title={`Remove the copy of ${disk.alias} from ${c.domainName}`}
                        danger
                        disabledReason={disk.copies.length === 1 ? "The last copy goes only with the template." : null}
                        action={removeTemplateDiskCopyAction.bind(null, { diskId: disk.id, storageDomainId: c.domainId })}
                      >
                        Remove the copy of {disk.alias} from {c.domainName}? Its other copies stay; thin VM disks on this copy must be moved or cloned first.
                      </ConfirmActionButton>
                    </li>
                  ))}
                </ul>
              </td>
              <td className="px-3 py-1.5">
                <TemplateCopyDiskDialog disk={disk} domains={domains} />
              </td>
            </tr>
          ))}
        </SimpleTable>
      )}
      {tab === "vms" && (
      <ul aria-label="VMs created from it" className="list-inside list-disc text-sm">
        {template.vms.map((vm) => (
          <li key={vm.id}>
            <Link className="text-sky-700 hover:underline" href={`/vms/${vm.id}`}>
              {vm.name}
            </Link>{" "}
            <StatusBadge status={vm.status} />
          </li>
        ))}
        {template.vms.length === 0 && <li className="text-slate-500">None.</li>}
      </ul>
      )}
      {tab === "storage" && <TemplateStorage disks={disks} />}
      {tab === "events" && <EventList events={await listEvents(actor, { objectId: template.id })} />}
      {tab === "permissions" && <PermissionTable rows={await objectPermissions("template", template.id, actor)} />}
    </>
  );
}

/** Each domain holding copies of the template's disks: which disks, and what they take there. */
function TemplateStorage({ disks }: { disks: { id: string; alias: string; copies: { domainId: string; domainName: string; actualSize: number }[] }[] }) {
  const byDomain = new Map<string, { name: string; disks: string[]; bytes: number }>();
  for (const disk of disks) {
    for (const copy of disk.copies) {
      const entry = byDomain.get(copy.domainId) ?? { name: copy.domainName, disks: [], bytes: 0 };
      entry.disks.push(disk.alias);
      entry.bytes += copy.actualSize;
      byDomain.set(copy.domainId, entry);
    }
  }
  return (
    <SimpleTable label="Template storage" className="w-full" headers={["Storage domain", "Disk copies", "Actual size"]}>
      {[...byDomain].map(([domainId, entry]) => (
        <tr key={domainId} className="border-t border-slate-100">
          <td className="px-3 py-1.5">
            <Link className="text-sky-700 hover:underline" href={`/storage/${domainId}`}>
              {entry.name}
            </Link>
          </td>
          <td className="px-3 py-1.5">{entry.disks.join(", ")}</td>
          <td className="px-3 py-1.5">{formatBytes(entry.bytes)}</td>
        </tr>
      ))}
    </SimpleTable>
  );
}

function PermissionTable({ rows }: { rows: { id: string; user: string; role: string; inheritedFrom: string | null }[] }) {
  return (
    <SimpleTable label="Permissions" className="w-full" headers={["User", "Role", "Inherited from"]}>
      {rows.map((p) => (
        <tr key={p.id} className="border-t border-slate-100">
          <td className="px-3 py-1.5">{p.user}</td>
          <td className="px-3 py-1.5">{p.role}</td>
          <td className="px-3 py-1.5">{p.inheritedFrom ?? "(this template)"}</td>
        </tr>
      ))}
    </SimpleTable>
  );
}
