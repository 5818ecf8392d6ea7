import { AppError } from "@/lib/errors";
import { globMatch } from "@/lib/queries/pagination";

export { globMatch };

// The part of oVirt's search language clients use: `key=value` terms joined by `and` and `or`
// (`and` binds tighter, as in the engine), with `*` wildcards in values, matched
// case-insensitively (`name=web* or name=db*`, `correlation_id=abc`). Keys are case-insensitive
// and may be dotted as the engine's are (`Storage.name="nfs-gold"`); values may be quoted.

export type SearchTerms = Partial<Record<string, string>>;

/** A parsed search: the alternatives joined by `or`, each a set of terms joined by `and`; none for no search. */
export type Search = SearchTerms[];

export function parseSearch(search: string | undefined, allowed: readonly string[]): Search {
  if (!search?.trim()) return [];
  return search.split(/\s+or\s+/i).map((alternative) => parseConjunction(alternative, allowed));
}

function parseConjunction(search: string, allowed: readonly string[]): SearchTerms {
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

/** The terms every match must meet, for a database prefilter: the one alternative's, or none when there are several. */
export function commonTerms(search: Search): SearchTerms {
  return search.length === 1 ? search[0] : {};
}

/** True when one alternative matches: each of its terms matches its field (a list field when any of its values does). */
export function matchesAll(search: Search, fields: Record<string, string | string[] | null | undefined>) {
  return search.length === 0 || search.some((terms) => matchesTerms(terms, fields));
}

function matchesTerms(terms: SearchTerms, fields: Record<string, string | string[] | null | undefined>) {
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
