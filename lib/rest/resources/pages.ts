import { AppError } from "@/lib/errors";

// Helpers shared by the collection readers.

const PAGE_SIZE = 500;
/** With a small max, pages still hold this many: a filter that keeps few rows needs fewer reads. */
const MIN_PAGE = 50;

/**
 * The rows of a paginated query (the domain's list queries serve one page at a time) that pass
 * `keep`, up to `max`: pages are read only until that many are found, so `?max=1` on 40,000
 * disks reads one small page, not the collection.
 */
export async function collectPages<T>(fetchPage: (params: { page: number; pageSize: number; order: "asc" }) => Promise<T[]>, keep: (row: T) => boolean, max?: number) {
  const pageSize = max === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, Math.max(max, MIN_PAGE));
  const rows: T[] = [];
  for (let page = 1; ; page++) {
    const batch = await fetchPage({ page, pageSize, order: "asc" });
    for (const row of batch) {
      if (!keep(row)) continue;
      rows.push(row);
      if (max !== undefined && rows.length >= max) return rows;
    }
    if (batch.length < pageSize) return rows;
  }
}

/** The `follow` links a resource can inline; anything else is a 400, as in oVirt. */
export function followSet(follow: string[], allowed: readonly string[]) {
  const unknown = follow.filter((f) => !allowed.includes(f));
  if (unknown.length) throw new AppError("VALIDATION", `Cannot follow ${unknown.join(", ")} here${allowed.length ? `; use ${allowed.join(", ")}` : ""}.`);
  return new Set(follow);
}
