"use client";

import { useListUrl } from "./use-list-url";

/** Below a server-paginated list: how many items, which page, rows per page, previous and next. */
export function Pager({ total, page, pageSize }: { total: number; page: number; pageSize: number }) {
  const { go } = useListUrl();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="flex items-center justify-between text-xs text-slate-600">
      <span>
        {total} item{total === 1 ? "" : "s"} · page {page} of {pages}
      </span>
      <div className="flex items-center gap-1">
        <label className="flex items-center gap-1">
          Rows
          <select aria-label="Rows per page" value={pageSize} onChange={(e) => go({ pageSize: e.target.value, page: undefined })} className="rounded border border-slate-300 bg-white px-1 py-0.5">
            {[25, 50, 100, 200].map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <button type="button" className="rounded border border-slate-300 bg-white px-2 py-0.5 disabled:opacity-40" disabled={page <= 1} onClick={() => go({ page: String(page - 1) })}>
          Previous
        </button>
        <button type="button" className="rounded border border-slate-300 bg-white px-2 py-0.5 disabled:opacity-40" disabled={page >= pages} onClick={() => go({ page: String(page + 1) })}>
          Next
        </button>
      </div>
    </div>
  );
}
