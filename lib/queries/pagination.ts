import { z } from "zod";

// Lenient list parameters (URL search params, REST query): bad values fall back to defaults.
export const listParamsSchema = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  pageSize: z.coerce.number().int().min(1).max(500).catch(50),
  sort: z.string().max(50).optional().catch(undefined),
  order: z.enum(["asc", "desc"]).catch("asc"),
  q: z.string().max(200).optional().catch(undefined),
});
export type ListParams = z.infer<typeof listParamsSchema>;

export function parseListParams(input: Record<string, unknown>) {
  return listParamsSchema.parse(input);
}

export function pageWindow(params: ListParams) {
  return { skip: (params.page - 1) * params.pageSize, take: params.pageSize };
}

/** oVirt's search matching: `*` is a wildcard, the rest literal, case ignored. */
export function globMatch(pattern: string, value: string) {
  const regex = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(`^${regex}$`, "i").test(value);
}

/**
 * The portal's list search, one rule on every list: plain text matches anywhere in the name;
 * with `*` the pattern is anchored (`web*` starts with web, `*-01` ends with -01, `db*01` both).
 * Case is ignored. Conditions on one field, for `{ AND: … }`; every condition is index-friendly
 * LIKE. (The inner parts of a pattern with several `*` are matched anywhere, not in order.)
 */
export function searchConditions(q: string | undefined): { equals?: string; contains?: string; startsWith?: string; endsWith?: string }[] {
  const trimmed = q?.trim();
  if (!trimmed) return [];
  if (!trimmed.includes("*")) return [{ contains: trimmed }];
  const parts = trimmed.split("*");
  const [first, last, middle] = [parts[0], parts[parts.length - 1], parts.slice(1, -1).filter(Boolean)];
  return [...(first ? [{ startsWith: first }] : []), ...middle.map((part) => ({ contains: part })), ...(last ? [{ endsWith: last }] : [])];
}
