"use client";

import { SearchBox } from "@/components/ui/search-box";
import { useListUrl } from "@/components/ui/use-list-url";

/** The Events page's search (message, * wildcards) and severity filter, kept in the URL. */
export function EventFilters() {
  const { go, searchParams } = useListUrl();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <SearchBox label="Search events by message" />
      <label className="flex items-center gap-1 text-sm">
        Severity
        <select aria-label="Severity" value={searchParams.get("severity") ?? ""} onChange={(e) => go({ severity: e.target.value, page: undefined })} className="rounded border border-slate-300 bg-white px-1 py-1 text-sm">
          <option value="">All</option>
          <option value="warning">Warnings and errors</option>
          <option value="error">Errors</option>
        </select>
      </label>
    </div>
  );
}
