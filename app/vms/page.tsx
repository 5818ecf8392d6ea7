import { PageHeader } from "@/components/page-header";
import { listVms } from "@/lib/queries/list-vms";
import { parseListParams } from "@/lib/queries/pagination";
import { VmTable } from "./_components/vm-table";

export const dynamic = "force-dynamic";

export default async function VmsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const params = parseListParams(await searchParams);
  const { rows, total } = await listVms(params);
  return (
    <>
      <PageHeader title="Virtual Machines" />
      <VmTable rows={rows} total={total} params={params} />
    </>
  );
}
