import { AppError } from "@/lib/errors";

// Helpers shared by the collection readers.

const PAGE_SIZE = 500;
/** With a small max, pages still hold this many: a filter that keeps few rows needs fewer reads. */
const MIN_PAGE = 50;

type FetchPage<T> = (params: { page: number; pageSize: number; order: "asc" }) => Promise<T[]>;

export interface PageWindow {
  /** At most this many rows (oVirt's `max`); undefined: all. */
  max?: number;
  /** Matching rows to pass over first (oVirt's `page N` search: (N - 1) × max). */
  skip?: number;
  /** True when `keep` keeps every row: the skip is then an offset in the query itself. */
  unfiltered?: boolean;
}

/** The rows a collection request asks for: `max` of them, from its `page` (items past the last page: none). */
export function windowOf(query: { max?: number; page?: number }, unfiltered: boolean): PageWindow {
  const page = query.page ?? 1;
  if (query.max === undefined) return page > 1 ? { max: 0 } : { unfiltered };
  return { max: query.max, skip: (page - 1) * query.max, unfiltered };
}

/**
 * The rows of a paginated query (the domain's list queries serve one page at a time) that pass
 * `keep`, batch by batch: pages are read only as the consumer asks and only until `max` rows
 * are found, so `?max=1` on 40,000 disks reads one small page, and a whole collection is never
 * held in memory at once.
 */
export async function* matchingBatches<T>(fetchPage: FetchPage<T>, keep: (row: T) => boolean, window: PageWindow = {}): AsyncGenerator<T[]> {
  const { max, skip = 0, unfiltered = false } = window;
  const pageSize = max === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, Math.max(max, MIN_PAGE));
  let toSkip = unfiltered ? skip % pageSize : skip;
  let left = max ?? Number.POSITIVE_INFINITY;
  for (let page = unfiltered ? Math.floor(skip / pageSize) + 1 : 1; left > 0; page++) {
    const batch = await fetchPage({ page, pageSize, order: "asc" });
    const kept: T[] = [];
    for (const row of batch) {
      if (!keep(row)) continue;
      if (toSkip > 0) {
        toSkip--;
        continue;
      }
      kept.push(row);
      if (--left === 0) break;
    }
    if (kept.length) yield kept;
    if (batch.length < pageSize) return;
  }
}

/** All the rows matchingBatches finds, in one array (for collections that are small or capped). */
export async function collectPages<T>(fetchPage: FetchPage<T>, keep: (row: T) => boolean, window: PageWindow = {}) {
  const rows: T[] = [];
  for await (const batch of matchingBatches(fetchPage, keep, window)) rows.push(...batch);
  return rows;
}

/** Each batch turned into another (rows into their wire nodes), still one batch at a time. */
export async function* mapBatches<T, U>(batches: AsyncGenerator<T[]>, map: (batch: T[]) => Promise<U[]>): AsyncGenerator<U[]> {
  for await (const batch of batches) yield map(batch);
}

/**
 * Reads the first batch now, so that a failure is still answered as a fault before a streamed
 * reply has begun, and hands back an iterable over all batches.
 */
export async function startBatches<T>(batches: AsyncGenerator<T[]>): Promise<AsyncIterable<T[]>> {
  const first = await batches.next();
  return {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      yield first.value;
      yield* batches;
    },
  };
}

/** The `follow` links a resource can inline; anything else is a 400, as in oVirt. */
export function followSet(follow: string[], allowed: readonly string[]) {
  const unknown = follow.filter((f) => !allowed.includes(f));
  if (unknown.length) throw new AppError("VALIDATION", `Cannot follow ${unknown.join(", ")} here${allowed.length ? `; use ${allowed.join(", ")}` : ""}.`);
  return new Set(follow);
}
