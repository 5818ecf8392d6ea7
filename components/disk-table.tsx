"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { DataTable } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { ProgressBar } from "@/components/ui/progress-bar";
import { formatBytes } from "@/lib/format";
import type { DiskRow } from "@/lib/queries/list-disks";
import type { ListParams } from "@/lib/queries/pagination";

// Disks with their storage domain, everywhere disks are listed: the Disks tab, a VM's
// Virtual Disks sub-tab and a storage domain's Virtual Disks sub-tab.

// The Storage Domain column, the one this product is about, comes right after the alias and is
// always shown. Lower-priority columns collapse first on narrow screens: the actual size below
// 1280 px, the format, allocation, interface and bootable flag below 1536 px. Long aliases and
// owner names (up to 255 characters, often without spaces) wrap anywhere rather than push it off.
const LOW = "hidden xl:table-cell";
const LOWEST = "hidden 2xl:table-cell";
const WRAPS = "whitespace-normal! [overflow-wrap:anywhere]"; // over the cells' nowrap

export function getDiskColumns({ showOwner }: { showOwner: boolean }): ColumnDef<DiskRow, unknown>[] {
  const columns: ColumnDef<DiskRow, unknown>[] = [
    {
      id: "alias",
      header: "Alias",
      meta: { sortKey: "alias", className: WRAPS },
      cell: ({ row }) => (
        <span className="font-medium">
          {row.original.alias}
          {row.original.contentType === "memory_dump" && <span className="ml-1 rounded bg-indigo-100 px-1 text-xs text-indigo-800">memory dump</span>}
        </span>
      ),
    },
    {
      id: "domain",
      header: "Storage Domain",
      cell: ({ row }) => (
        <span className="flex flex-wrap gap-1">
          {row.original.storageDomains.map((d) => (
            <Link key={d.id} href={`/storage/${d.id}`} className="text-sky-700 hover:underline">
              {d.name}
            </Link>
          ))}
        </span>
      ),
    },
    { id: "size", header: "Virtual size", meta: { sortKey: "provisionedSize" }, cell: ({ row }) => formatBytes(row.original.provisionedSize) },
    { id: "actual", header: "Actual size", meta: { className: LOW }, cell: ({ row }) => formatBytes(row.original.actualSize) },
    { id: "format", meta: { className: LOWEST }, header: "Format", cell: ({ row }) => row.original.format },
    { id: "allocation", meta: { className: LOWEST }, header: "Allocation", cell: ({ row }) => (row.original.allocation === "thin" ? "Thin" : "Preallocated") },
    { id: "interface", meta: { className: LOWEST }, header: "Interface", cell: ({ row }) => row.original.interface ?? "—" },
    { id: "bootable", meta: { className: LOWEST }, header: "Bootable", cell: ({ row }) => (row.original.bootable ? "Yes" : "No") },
    {
      id: "status",
      header: "Status",
      meta: { sortKey: "status" },
      cell: ({ row }) =>
        row.original.job ? (
          <div className="flex items-center gap-2">
            <StatusBadge status={row.original.status} />
            <ProgressBar value={row.original.job.progress} label={`${row.original.alias}: ${row.original.job.description}`} />
          </div>
        ) : (
          <DiskStatus status={row.original.status} reason={row.original.statusReason} />
        ),
    },
  ];
  if (showOwner) {
    columns.push({
      id: "owner",
      header: "Attached to",
      meta: { className: WRAPS },
      cell: ({ row }) =>
        row.original.vm ? (
          <Link className="text-sky-700 hover:underline" href={`/vms/${row.original.vm.id}?tab=disks`}>
            VM {row.original.vm.name}
          </Link>
        ) : row.original.template ? (
          <Link className="text-sky-700 hover:underline" href={`/templates/${row.original.template.id}`}>
            Template {row.original.template.name}
          </Link>
        ) : (
          <span className="text-slate-500">floating</span>
        ),
    });
  }
  return columns;
}

/** An illegal disk says why, on its badge (title) and below it, since there is no disk page to look it up. */
function DiskStatus({ status, reason }: { status: string; reason: string | null }) {
  if (!reason) return <StatusBadge status={status} />;
  return (
    <div title={reason} className="max-w-56">
      <StatusBadge status={status} />
      <p className="line-clamp-2 text-xs break-words text-red-700">{reason}</p>
    </div>
  );
}

export function DiskTable({ rows, total, params, showOwner, toolbar, label, searchable = true }: { rows: DiskRow[]; total: number; params: ListParams; showOwner: boolean; toolbar?: (selected: DiskRow[]) => ReactNode; label: string; searchable?: boolean }) {
  return (
    <DataTable
      label={label}
      columns={getDiskColumns({ showOwner })}
      data={rows}
      total={total}
      params={params}
      getRowId={(row) => row.id}
      getRowLabel={(row) => row.alias}
      selectable={!!toolbar}
      toolbar={toolbar}
      searchLabel={searchable ? "Search disks by alias" : undefined}
    />
  );
}
