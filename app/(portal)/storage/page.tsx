import { currentActor } from "@/app/_lib/current-actor";
import { PageHeader } from "@/components/page-header";
import { storageDomainsPage } from "@/lib/queries/list-storage-domains";
import { parseListParams } from "@/lib/queries/pagination";
import { listDataCenters } from "@/lib/queries/list-clusters";
import { StorageDomainNewDialog } from "./_components/storage-domain-new-dialog";
import { StorageDomainImportDialog } from "./_components/storage-domain-import-dialog";
import { StorageTable } from "./_components/storage-table";

export const dynamic = "force-dynamic";

export default async function StoragePage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const params = parseListParams(await searchParams);
  const [{ rows, total }, dataCenters] = await Promise.all([storageDomainsPage(params, await currentActor()), listDataCenters()]);
  return (
    <>
      <PageHeader title="Storage" subtitle="Storage domains as the monitor last saw them: space from their own filesystem; committed = provisioned sizes placed there.">
        <StorageDomainImportDialog dataCenters={dataCenters.map(({ id, name }) => ({ id, name }))} />
        <StorageDomainNewDialog />
      </PageHeader>
      <StorageTable rows={rows} total={total} params={params} now={Date.now()} />
    </>
  );
}
