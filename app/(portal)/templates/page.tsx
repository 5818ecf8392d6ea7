import { currentActor } from "@/app/_lib/current-actor";
import { PageHeader } from "@/components/page-header";
import { listTemplates } from "@/lib/queries/list-templates";
import { parseListParams } from "@/lib/queries/pagination";
import { TemplateTable } from "./_components/template-table";

export const dynamic = "force-dynamic";

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const params = parseListParams(await searchParams);
  const { rows, total } = await listTemplates(params, await currentActor());
  return (
    <>
      <PageHeader title="Templates" subtitle="Each disk lists every domain holding a copy of it." />
      <TemplateTable rows={rows} total={total} params={params} />
    </>
  );
}
