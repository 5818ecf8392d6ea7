"use client";

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
    <label className="flex items-center gap-1 text-sm">
      Sort
      <select
        aria-label="Sort users"
        value={current}
        onChange={(e) => {
          const [sort, order] = e.target.value.split(":");
          go({ sort, order, page: undefined });
        }}
        className="rounded border border-slate-300 bg-white px-1 py-1 text-sm"
      >
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}
