import { AppError } from "@/lib/errors";

// Helpers shared by the collection readers.

const PAGE_SIZE = 500;

/** Every row of a paginated query (the domain's list queries serve one page at a time). */
export async function allPages<T>(fetchPage: (params: { page: number; pageSize: number; order: "asc" }) => Promise<T[]>) {
  const rows: T[] = [];
  for (let page = 1; ; page++) {
    const batch = await fetchPage({ page, pageSize: PAGE_SIZE, order: "asc" });
    rows.push(...batch);
    if (batch.length < PAGE_SIZE) return rows;
  }
}

/** The `follow` links a resource can inline; anything else is a 400, as in oVirt. */
export function followSet(follow: string[], allowed: readonly string[]) {
  const unknown = follow.filter((f) => !allowed.includes(f));
  if (unknown.length) throw new AppError("VALIDATION", `Cannot follow ${unknown.join(", ")} here${allowed.length ? `; use ${allowed.join(", ")}` : ""}.`);
  return new Set(follow);
}
