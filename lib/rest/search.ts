import { AppError } from "@/lib/errors";
import { globMatch } from "@/lib/queries/pagination";

export { globMatch };

// The part of oVirt's search language clients use: `key=value` terms joined by `and`, with `*`
// wildcards in values, matched case-insensitively (`name=web*`, `correlation_id=abc`). Keys are
// case-insensitive and may be dotted as the engine's are (`Storage.name="nfs-gold"`); values may
// be quoted.

export type SearchTerms = Partial<Record<string, string>>;

export function parseSearch(search: string | undefined, allowed: readonly string[]): SearchTerms {
  if (!search) return {};
  if (/\s+or\s+/i.test(search)) throw new AppError("VALIDATION", "Search with OR is not supported; use terms joined by AND.");
  const terms: SearchTerms = {};
  for (const term of search.split(/\s+and\s+/i)) {
    const match = /^([a-z_.]+)\s*=\s*(.*)$/i.exec(term.trim());
    if (!match) throw new AppError("VALIDATION", `Cannot parse the search term '${term.trim()}'; use key=value.`);
    const key = match[1].toLowerCase();
    if (!allowed.includes(key)) throw new AppError("VALIDATION", `Search by ${key} is not supported here; use ${allowed.join(", ")}.`);
    terms[key] = match[2].trim().replace(/^(["'])(.*)\1$/, "$2");
  }
  return terms;
}


/** True when every term matches its field (a list field matches when any of its values does). */
export function matchesAll(terms: SearchTerms, fields: Record<string, string | string[] | null | undefined>) {
  return Object.entries(terms).every(([key, pattern]) => {
    const value = fields[key];
    const values = Array.isArray(value) ? value : value == null ? [] : [value];
    return values.some((v) => globMatch(pattern!, v));
  });
}

/** The longest literal run of a pattern: a cheap superset filter for the database. */
export function literalFragment(pattern: string | undefined) {
  return pattern?.split("*").reduce((a, b) => (b.length > a.length ? b : a), "") || undefined;
}

/** `max` applied to an already filtered list. */
export function limit<T>(rows: T[], max: number | undefined) {
  return max === undefined ? rows : rows.slice(0, max);
}
