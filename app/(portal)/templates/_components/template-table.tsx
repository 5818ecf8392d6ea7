"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatBytes } from "@/lib/format";
import type { ListParams } from "@/lib/queries/pagination";
import type { TemplateRow } from "@/lib/queries/list-templates";

const columns: ColumnDef<TemplateRow, unknown>[] = [
  { id: "name", header: "Name", meta: { sortKey: "name" }, cell: ({ row }) => <Link className="font-medium text-sky-700 hover:underline" href={`/templates/${row.original.id}`}>{row.original.name}</Link> },
  { id: "status", header: "Status", meta: { sortKey: "status" }, cell: ({ row }) => <StatusBadge status={row.original.status} /> },
  {
    id: "disks",
    header: "Disks and the domains holding copies",
    cell: ({ row }) => (
      <ul>
        {row.original.attachments.map(({ disk }) => (
          <li key={disk.id}>
            {disk.alias} ({formatBytes(Number(disk.provisionedSize))}): {disk.volumes.map((v) => v.storageDomain.name).join(", ")}
          </li>
        ))}
      </ul>
    ),
  },
  { id: "vms", header: "VMs", cell: ({ row }) => row.original._count.vms },
  { id: "created", header: "Created", meta: { sortKey: "createdAt", className: "hidden xl:table-cell" }, cell: ({ row }) => new Date(row.original.createdAt).toLocaleString() },
];

export function TemplateTable({ rows, total, params }: { rows: TemplateRow[]; total: number; params: ListParams }) {
  return <DataTable label="Templates" columns={columns} data={rows} total={total} params={params} getRowId={(row) => row.id} searchLabel="Search templates by name (* wildcard)" />;
}
