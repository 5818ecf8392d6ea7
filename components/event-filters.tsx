"use client";

import { SearchBox } from "@/components/ui/search-box";
import { ListSelect } from "@/components/ui/list-select";
import { useListUrl } from "@/components/ui/use-list-url";

const SEVERITIES = [
  { value: "", label: "All" },
  { value: "warning", label: "Warnings and errors" },
  { value: "error", label: "Errors" },
];

/** The Events page's search (message, * wildcards) and severity filter, kept in the URL. */
export function EventFilters() {
  const { go, searchParams } = useListUrl();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <SearchBox label="Search events by message" />
      <ListSelect label="Severity" value={searchParams.get("severity") ?? ""} choices={SEVERITIES} onChange={(severity) => go({ severity, page: undefined })} />
    </div>
  );
}
