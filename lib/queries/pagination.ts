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

/** oVirt-style name search: `*` is a wildcard; anything else is matched literally. */
export function nameFilter(q: string | undefined) {
  if (!q) return undefined;
  const trimmed = q.trim();
  const parts = trimmed.split("*").filter(Boolean);
  if (!parts.length) return undefined;
  const longest = parts.reduce((a, b) => (b.length > a.length ? b : a));
  if (!trimmed.includes("*")) return { equals: trimmed };
  return { contains: longest };
}
