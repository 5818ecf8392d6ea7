"use client";

import { ListSelect } from "@/components/ui/list-select";
import { useListUrl } from "@/components/ui/use-list-url";

const choices = [
  { value: "name:asc", label: "Name A–Z" },
  { value: "name:desc", label: "Name Z–A" },
  { value: "createdAt:desc", label: "Newest first" },
  { value: "createdAt:asc", label: "Oldest first" },
];

/** The Users list's order, kept in the URL like every list's. */
export function UserSort() {
  const { go, searchParams } = useListUrl();
  const current = `${searchParams.get("sort") ?? "name"}:${searchParams.get("order") ?? "asc"}`;
  return (
    <ListSelect
      label="Sort"
      ariaLabel="Sort users"
      value={current}
      choices={choices}
      onChange={(value) => {
        const [sort, order] = value.split(":");
        go({ sort, order, page: undefined });
      }}
    />
  );
}
