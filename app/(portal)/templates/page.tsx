import { currentActor } from "@/app/_lib/current-actor";
import { PageHeader } from "@/components/page-header";
import { listTemplates } from "@/lib/queries/list-templates";
import { parseListParams } from "@/lib/queries/pagination";
import { TemplateTable } from "./_components/template-table";
import { OvaImportDialog } from "@/components/ova-import-dialog";
import { domainSpaces } from "@/lib/queries/list-storage-domains";
import { listOvaFiles } from "@/lib/ova/ova-paths";
import { importOvaAction, inspectOvaAction } from "@/app/actions/ova-actions";

export const dynamic = "force-dynamic";

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const params = parseListParams(await searchParams);
  const actor = await currentActor();
  const [{ rows, total }, domains, ovaFiles] = await Promise.all([listTemplates(params, actor), domainSpaces(actor), listOvaFiles()]);
  return (
    <>
      <PageHeader title="Templates" subtitle="Each disk lists every domain holding a copy of it.">
        <OvaImportDialog files={ovaFiles} domains={domains} inspectOvaAction={inspectOvaAction} importOvaAction={importOvaAction} />
      </PageHeader>
      <TemplateTable rows={rows} total={total} params={params} />
    </>
  );
}
