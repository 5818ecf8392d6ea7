"use client";

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type RowSelectionState } from "@tanstack/react-table";
import { useState, type ReactNode } from "react";
import type { ListParams } from "@/lib/queries/pagination";
import { Pager } from "./pager";
import { SearchBox } from "./search-box";
import { useListUrl } from "./use-list-url";

// A server-paginated table: page, page size, sort and search live in the URL; the server
// renders one page and the total. Selection is local (it feeds actions such as Move).

interface DataTableProps<T> {
  columns: ColumnDef<T, unknown>[];
  data: T[];
  total: number;
  /** The page, page size and sort the server rendered (from the URL). */
  params: Pick<ListParams, "page" | "pageSize" | "sort" | "order">;
  getRowId: (row: T) => string;
  /** How a row is named to assistive technology (its selection checkbox). */
  getRowLabel?: (row: T) => string;
  /** Receives the selected rows; renders actions above the table. */
  toolbar?: (selected: T[]) => ReactNode;
  selectable?: boolean;
  searchLabel?: string;
  label: string;
}

export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, data, total, params, getRowId, getRowLabel, toolbar, selectable, searchLabel, label } = props;
  const { page, pageSize, sort, order } = params;
  const { go } = useListUrl();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});

  const table = useReactTable({
    data,
    columns,
    getRowId,
    manualPagination: true,
    manualSorting: true,
    rowCount: total,
    enableRowSelection: selectable,
    state: { rowSelection },
    onRowSelectionChange: setRowSelection,
    getCoreRowModel: getCoreRowModel(),
  });

  const selected = table.getSelectedRowModel().rows.map((r) => r.original);

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {searchLabel && <SearchBox label={searchLabel} />}
        {toolbar?.(selected)}
      </div>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table aria-label={label} className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-100 text-xs uppercase tracking-wide text-slate-600">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {selectable && (
                  <th className="w-8 px-2 py-2">
                    <input type="checkbox" aria-label="Select all rows" checked={table.getIsAllRowsSelected()} onChange={table.getToggleAllRowsSelectedHandler()} />
                  </th>
                )}
                {group.headers.map((header) => {
                  const sortable = header.column.columnDef.enableSorting !== false && header.column.columnDef.meta?.sortKey;
                  const key = header.column.columnDef.meta?.sortKey;
                  const active = key && key === sort;
                  return (
                    <th key={header.id} className={`whitespace-nowrap px-3 py-2 font-semibold ${header.column.columnDef.meta?.className ?? ""}`} aria-sort={active ? (order === "desc" ? "descending" : "ascending") : undefined}>
                      {sortable ? (
                        <button type="button" className="uppercase hover:text-slate-900" onClick={() => go({ sort: key, order: active && order === "asc" ? "desc" : "asc" })}>
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          {active ? (order === "desc" ? " ▼" : " ▲") : ""}
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={`border-b border-slate-100 last:border-0 ${row.getIsSelected() ? "bg-sky-50" : "hover:bg-slate-50"}`}>
                {selectable && (
                  <td className="px-2 py-1.5">
                    <input type="checkbox" aria-label={`Select ${getRowLabel?.(row.original) ?? row.id}`} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />
                  </td>
                )}
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={`whitespace-nowrap px-3 py-1.5 ${cell.column.columnDef.meta?.className ?? ""}`}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
            {data.length === 0 && (
              <tr>
                <td colSpan={columns.length + (selectable ? 1 : 0)} className="px-3 py-6 text-center text-slate-500">
                  Nothing to show.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pager total={total} page={page} pageSize={pageSize} />
    </div>
  );
}
