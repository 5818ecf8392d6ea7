"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatBytes } from "@/lib/format";
import type { ListParams } from "@/lib/queries/pagination";
import type { VmRow } from "@/lib/queries/list-vms";
import { VmBulkActions } from "./vm-bulk-actions";

export function getVmColumns(): ColumnDef<VmRow, unknown>[] {
  return [
    { header: "Name", meta: { sortKey: "name" }, cell: ({ row }) => <Link className="font-medium text-sky-700 hover:underline" href={`/vms/${row.original.id}`}>{row.original.name}</Link> },
    { header: "Status", meta: { sortKey: "status" }, cell: ({ row }) => <StatusBadge status={row.original.status} /> },
    { header: "Template", cell: ({ row }) => row.original.template?.name ?? "Blank" },
    { header: "CPUs", meta: { sortKey: "cpus" }, cell: ({ row }) => row.original.cpus },
    { header: "Memory", meta: { sortKey: "memoryMb" }, cell: ({ row }) => formatBytes(row.original.memoryMb * 1024 * 1024) },
    { header: "Disks", cell: ({ row }) => row.original.diskCount },
    { header: "Total size", cell: ({ row }) => formatBytes(row.original.totalSize) },
  ];
}

export function VmTable({ rows, total, params }: { rows: VmRow[]; total: number; params: ListParams }) {
  return (
    <DataTable
      label="Virtual machines"
      columns={getVmColumns()}
      data={rows}
      total={total}
      params={params}
      getRowId={(row) => row.id}
      getRowLabel={(row) => row.name}
      selectable
      toolbar={(selected) => <VmBulkActions selected={selected} />}
      searchLabel="Search VMs by name (* wildcard)"
    />
  );
}
