import { SimpleTable } from "@/components/ui/simple-table";
import Link from "next/link";
import { currentActor } from "@/lib/session/current-actor";
import { PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { UsageBar } from "@/components/ui/usage-bar";
import { listStorageDomains } from "@/lib/queries/list-storage-domains";
import { formatBytes } from "@/lib/format";
import { StorageDomainNewDialog } from "./_components/storage-domain-new-dialog";

export const dynamic = "force-dynamic";

export default async function StoragePage() {
  const domains = await listStorageDomains(await currentActor());
  return (
    <>
      <PageHeader title="Storage" subtitle="Storage domains with their real space (free and total from the filesystem; committed = provisioned sizes placed there).">
        <StorageDomainNewDialog />
      </PageHeader>
      <SimpleTable label="Storage domains" headers={["Name", "Type", "Status", "Usage", "Total", "Free", "Committed", "Thresholds"]}>
          {domains.map((d) => (
            <tr key={d.id} className="border-t border-slate-100">
              <td className="px-3 py-1.5">
                <Link className="font-medium text-sky-700 hover:underline" href={`/storage/${d.id}`}>
                  {d.name}
                </Link>
              </td>
              <td className="px-3 py-1.5">{d.type}</td>
              <td className="px-3 py-1.5">
                <StatusBadge status={d.status} />
              </td>
              <td className="px-3 py-1.5">
                <UsageBar label={`${d.name} usage`} totalBytes={d.totalBytes} freeBytes={d.freeBytes} warningLowSpacePct={d.warningLowSpacePct} criticalSpaceGb={d.criticalSpaceGb} />
              </td>
              <td className="px-3 py-1.5">{formatBytes(d.totalBytes)}</td>
              <td className="px-3 py-1.5">{formatBytes(d.freeBytes)}</td>
              <td className="px-3 py-1.5">{formatBytes(d.committedBytes)}</td>
              <td className="px-3 py-1.5 text-xs text-slate-600">
                warn under {d.warningLowSpacePct}% · block under {d.criticalSpaceGb} GiB
              </td>
            </tr>
          ))}
        </SimpleTable>
    </>
  );
}
