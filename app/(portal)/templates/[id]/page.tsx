import { SimpleTable } from "@/components/ui/simple-table";
import Link from "next/link";
import { currentActor } from "@/app/_lib/current-actor";
import { orNotFound } from "../../_lib/or-not-found";
import { DetailSubtitle, PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { getTemplate, templateChoices } from "@/lib/queries/list-templates";
import { domainSpaces } from "@/lib/queries/list-storage-domains";
import { formatBytes } from "@/lib/format";
import { VmFromTemplateDialog } from "@/app/(portal)/vms/_components/vm-from-template-dialog";
import { ExportDialog } from "@/components/export-dialog";
import { TemplateCloneDialog } from "./_components/template-clone-dialog";
import { TemplateCopyDiskDialog } from "./_components/template-copy-disk-dialog";
import { TemplateRemoveButton } from "./_components/template-remove-button";
import { exportAction } from "@/app/actions/transfer-actions";

export const dynamic = "force-dynamic";

export default async function TemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
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
        <ExportDialog exportAction={exportAction} id={template.id} kind="template" exportDomains={domains.filter((d) => d.type === "export")} />
        <TemplateRemoveButton templateId={template.id} templateName={template.name} />
      </PageHeader>
      <h2 className="mb-2 text-sm font-semibold">Disks</h2>
      <SimpleTable label="Template disks" className="mb-6 w-full" headers={["Alias", "Virtual size", "Interface", "Status", "Copies (storage domain: actual size)", "Actions"]}>
          {disks.map((disk) => (
            <tr key={disk.id} className="border-t border-slate-100">
              <td className="px-3 py-1.5 font-medium">{disk.alias}</td>
              <td className="px-3 py-1.5">{formatBytes(disk.provisionedSize)}</td>
              <td className="px-3 py-1.5">{disk.interface}</td>
              <td className="px-3 py-1.5">
                <StatusBadge status={disk.status} />
              </td>
              <td className="px-3 py-1.5">{disk.copies.map((c) => `${c.domainName}: ${formatBytes(c.actualSize)}`).join(", ")}</td>
              <td className="px-3 py-1.5">
                <TemplateCopyDiskDialog disk={disk} domains={domains} />
              </td>
            </tr>
          ))}
        </SimpleTable>
      <h2 className="mb-2 text-sm font-semibold">VMs created from it</h2>
      <ul className="list-inside list-disc text-sm">
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
    </>
  );
}
