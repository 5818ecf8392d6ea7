"use client";

import { useListUrl } from "./use-list-url";

/** A list's search box: its text goes to the URL (`q`, back to page 1) when submitted. */
export function SearchBox({ label }: { label: string }) {
  const { go, searchParams } = useListUrl();
  return (
    <form
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        go({ q: new FormData(event.currentTarget).get("q")?.toString(), page: undefined });
      }}
    >
      <input name="q" aria-label={label} placeholder={label} defaultValue={searchParams.get("q") ?? ""} className="w-64 rounded border border-slate-300 bg-white px-2 py-1 text-sm" />
    </form>
  );
}
