import { SimpleTable } from "@/components/ui/simple-table";
import Link from "next/link";
import { currentActor } from "@/app/_lib/current-actor";
import { PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { listTemplates } from "@/lib/queries/list-templates";
import { parseListParams } from "@/lib/queries/pagination";
import { formatBytes } from "@/lib/format";

export const dynamic = "force-dynamic";

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const params = parseListParams(await searchParams);
  const { rows, total } = await listTemplates(params, await currentActor());
  return (
    <>
      <PageHeader title="Templates" subtitle={`${total} template(s); each disk lists every domain holding a copy of it.`} />
      <SimpleTable label="Templates" headers={["Name", "Status", "Disks and the domains holding copies", "VMs"]}>
          {rows.map((t) => (
            <tr key={t.id} className="border-t border-slate-100 align-top">
              <td className="px-3 py-1.5">
                <Link className="font-medium text-sky-700 hover:underline" href={`/templates/${t.id}`}>
                  {t.name}
                </Link>
              </td>
              <td className="px-3 py-1.5">
                <StatusBadge status={t.status} />
              </td>
              <td className="px-3 py-1.5">
                <ul>
                  {t.attachments.map(({ disk }) => (
                    <li key={disk.id}>
                      {disk.alias} ({formatBytes(Number(disk.provisionedSize))}): {disk.volumes.map((v) => v.storageDomain.name).join(", ")}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="px-3 py-1.5">{t._count.vms}</td>
            </tr>
          ))}
        </SimpleTable>
    </>
  );
}
