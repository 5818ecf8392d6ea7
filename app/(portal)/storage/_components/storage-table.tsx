"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/ui/data-table";
import { UsageBar } from "@/components/ui/usage-bar";
import type { ListParams } from "@/lib/queries/pagination";
import type { StorageDomainRow } from "@/lib/queries/list-storage-domains";
import { DomainCommitted, DomainMonitor, DomainStatus, DomainStorage } from "./storage-domain-facts";

function columns(now: number): ColumnDef<StorageDomainRow, unknown>[] {
  return [
    {
      id: "name",
      header: "Name",
      meta: { sortKey: "name" },
      cell: ({ row }) => (
        <>
          <Link className="font-medium text-sky-700 hover:underline" href={`/storage/${row.original.id}`}>
            {row.original.name}
          </Link>
          <div className="text-xs text-slate-500">{row.original.type}</div>
        </>
      ),
    },
    { id: "status", header: "Status", meta: { sortKey: "status" }, cell: ({ row }) => <DomainStatus domain={row.original} /> },
    { id: "storage", header: "Storage", meta: { className: "text-xs hidden xl:table-cell" }, cell: ({ row }) => <DomainStorage domain={row.original} /> },
    { id: "monitor", header: "Monitor", meta: { className: "text-xs hidden xl:table-cell" }, cell: ({ row }) => <DomainMonitor domain={row.original} now={now} /> },
    {
      id: "space",
      header: "Space",
      meta: { sortKey: "freeBytes" },
      cell: ({ row }) => {
        const d = row.original;
        return <UsageBar label={`${d.name} usage`} totalBytes={d.totalBytes} freeBytes={d.freeBytes} reservedBytes={d.reservedBytes} warningLowSpacePct={d.warningLowSpacePct} criticalSpaceGb={d.criticalSpaceGb} />;
      },
    },
    { id: "committed", header: "Committed", meta: { sortKey: "committedBytes", className: "text-xs" }, cell: ({ row }) => <DomainCommitted domain={row.original} /> },
  ];
}

export function StorageTable({ rows, total, params, now }: { rows: StorageDomainRow[]; total: number; params: ListParams; now: number }) {
  return <DataTable label="Storage domains" columns={columns(now)} data={rows} total={total} params={params} getRowId={(row) => row.id} searchLabel="Search domains by name (* wildcard)" />;
}
