"use client";

import { SearchBox } from "@/components/ui/search-box";
import { useListUrl } from "@/components/ui/use-list-url";

// The Jobs page's search (description), status filter and sort, kept in the URL.

const SORTS = {
  "": "Newest first",
  "createdAt.asc": "Oldest first",
  "description.asc": "Description A–Z",
  "status.asc": "Status",
} as const;

export function JobFilters() {
  const { go, searchParams } = useListUrl();
  const sortValue = searchParams.get("sort") ? `${searchParams.get("sort")}.${searchParams.get("order") ?? "asc"}` : "";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <SearchBox label="Search jobs by description" />
      <label className="flex items-center gap-1 text-sm">
        Status
        <select aria-label="Status" value={searchParams.get("status") ?? ""} onChange={(e) => go({ status: e.target.value, page: undefined })} className="rounded border border-slate-300 bg-white px-1 py-1 text-sm">
          <option value="">All</option>
          <option value="started">Running</option>
          <option value="finished">Finished</option>
          <option value="failed">Failed</option>
          <option value="aborted">Cancelled</option>
        </select>
      </label>
      <label className="flex items-center gap-1 text-sm">
        Sort
        <select
          aria-label="Sort"
          value={sortValue in SORTS ? sortValue : ""}
          onChange={(e) => {
            const [sort, order] = e.target.value ? e.target.value.split(".") : [undefined, undefined];
            go({ sort, order, page: undefined });
          }}
          className="rounded border border-slate-300 bg-white px-1 py-1 text-sm"
        >
          {Object.entries(SORTS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
