import { SimpleTable } from "@/components/ui/simple-table";
import Link from "next/link";
import { currentActor } from "@/app/_lib/current-actor";
import { PageHeader } from "@/components/page-header";
import { UsageBar } from "@/components/ui/usage-bar";
import { listStorageDomains } from "@/lib/queries/list-storage-domains";
import { listDataCenters } from "@/lib/queries/list-clusters";
import { StorageDomainNewDialog } from "./_components/storage-domain-new-dialog";
import { StorageDomainImportDialog } from "./_components/storage-domain-import-dialog";
import { DomainCommitted, DomainMonitor, DomainStatus, DomainStorage } from "./_components/storage-domain-facts";

export const dynamic = "force-dynamic";

const cell = "px-3 py-1.5 align-top";

export default async function StoragePage() {
  const [domains, dataCenters] = await Promise.all([listStorageDomains(await currentActor()), listDataCenters()]);
  const now = Date.now();
  return (
    <>
      <PageHeader title="Storage" subtitle="Storage domains as the monitor last saw them: space from their own filesystem; committed = provisioned sizes placed there.">
        <StorageDomainImportDialog dataCenters={dataCenters.map(({ id, name }) => ({ id, name }))} />
        <StorageDomainNewDialog />
      </PageHeader>
      <SimpleTable label="Storage domains" headers={["Name", "Status", "Storage", "Monitor", "Space", "Committed"]}>
        {domains.map((d) => (
          <tr key={d.id} className="border-t border-slate-100">
            <td className={cell}>
              <Link className="font-medium whitespace-nowrap text-sky-700 hover:underline" href={`/storage/${d.id}`}>
                {d.name}
              </Link>
              <div className="text-xs text-slate-500">{d.type}</div>
            </td>
            <td className={cell}>
              <DomainStatus domain={d} />
            </td>
            <td className={`${cell} text-xs`}>
              <DomainStorage domain={d} />
            </td>
            <td className={`${cell} text-xs`}>
              <DomainMonitor domain={d} now={now} />
            </td>
            <td className={cell}>
              <UsageBar label={`${d.name} usage`} totalBytes={d.totalBytes} freeBytes={d.freeBytes} reservedBytes={d.reservedBytes} warningLowSpacePct={d.warningLowSpacePct} criticalSpaceGb={d.criticalSpaceGb} />
            </td>
            <td className={`${cell} text-xs`}>
              <DomainCommitted domain={d} />
            </td>
          </tr>
        ))}
      </SimpleTable>
    </>
  );
}
