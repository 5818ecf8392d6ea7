import { currentActor } from "@/app/_lib/current-actor";
import { PageHeader } from "@/components/page-header";
import { listVms } from "@/lib/queries/list-vms";
import { parseListParams } from "@/lib/queries/pagination";
import { domainSpaces } from "@/lib/queries/list-storage-domains";
import { templateChoices } from "@/lib/queries/list-templates";
import { VmTable } from "./_components/vm-table";
import { VmNewDialog } from "./_components/vm-new-dialog";
import { VmFromTemplateDialog } from "./_components/vm-from-template-dialog";
import { OvaImportDialog } from "@/components/ova-import-dialog";
import { listOvaFiles } from "@/lib/ova/ova-paths";
import { importOvaAction, inspectOvaAction } from "@/app/actions/ova-actions";

export const dynamic = "force-dynamic";

export default async function VmsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const params = parseListParams(await searchParams);
  const actor = await currentActor();
  const [{ rows, total }, domains, templates, ovaFiles] = await Promise.all([listVms(params, actor), domainSpaces(actor), templateChoices(actor), listOvaFiles()]);
  return (
    <>
      <PageHeader title="Virtual Machines">
        <VmNewDialog domains={domains} />
        <VmFromTemplateDialog domains={domains} templates={templates} />
        <OvaImportDialog files={ovaFiles} domains={domains} inspectOvaAction={inspectOvaAction} importOvaAction={importOvaAction} />
      </PageHeader>
      <VmTable rows={rows} total={total} params={params} />
    </>
  );
}
