"use client";

import { SearchBox } from "@/components/ui/search-box";
import { ListSelect } from "@/components/ui/list-select";
import { useListUrl } from "@/components/ui/use-list-url";

// The Jobs page's search (description), status filter and order, kept in the URL.

const STATUSES = [
  { value: "", label: "All" },
  { value: "started", label: "Running" },
  { value: "finished", label: "Finished" },
  { value: "failed", label: "Failed" },
  { value: "aborted", label: "Cancelled" },
];

const SORTS = [
  { value: "", label: "Newest first" },
  { value: "createdAt:asc", label: "Oldest first" },
  { value: "description:asc", label: "Description A–Z" },
  { value: "status:asc", label: "Status" },
];

export function JobFilters() {
  const { go, searchParams } = useListUrl();
  const sort = searchParams.get("sort") ? `${searchParams.get("sort")}:${searchParams.get("order") ?? "asc"}` : "";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <SearchBox label="Search jobs by description" />
      <ListSelect label="Status" value={searchParams.get("status") ?? ""} choices={STATUSES} onChange={(status) => go({ status, page: undefined })} />
      <ListSelect
        label="Sort"
        value={SORTS.some((s) => s.value === sort) ? sort : ""}
        choices={SORTS}
        onChange={(value) => {
          const [field, order] = value ? value.split(":") : [undefined, undefined];
          go({ sort: field, order, page: undefined });
        }}
      />
    </div>
  );
}
