import { AppError } from "@/lib/errors";

// The query parameters oVirt clients send (`?search=…&max=…&clone=true&correlation_id=…`).
// Unknown parameters are ignored, as oVirt does; a known one with a bad value is a 400.

export interface RestQuery {
  search?: string;
  /** oVirt's paging, written at the end of the search (`name=web* page 3`): the page of `max` items, from 1. */
  page?: number;
  /** Item limit for lists; undefined (or oVirt's -1) means all. */
  max?: number;
  follow: string[];
  clone?: boolean;
  detachOnly?: boolean;
  /** async=false: wait for the job and answer with its outcome. */
  async?: boolean;
  correlationId?: string;
  /** DELETE /storagedomains/{id}?format=true: also delete the domain's files. */
  format?: boolean;
  /** GET /storagedomains/{id}/vms|templates|disks?unregistered=true: what the domain holds to register. */
  unregistered?: boolean;
  /** DELETE /templates/{id}/disks/{diskId}?storage_domain=…: the domain whose copy goes. */
  storageDomain?: string;
  /** GET /events?from=N: the events after event N. */
  from?: string;
  /** GET …/disksnapshots?include_active=true|include_template=true: the active volumes, the templates' volumes too. */
  includeActive?: boolean;
  includeTemplate?: boolean;
}

function bool(params: URLSearchParams, name: string) {
  const value = params.get(name);
  if (value === null) return undefined;
  // oVirt treats a bare `?clone` as true.
  if (value === "" || value === "true") return true;
  if (value === "false") return false;
  throw new AppError("VALIDATION", `Invalid value '${value}' for parameter ${name}: use true or false.`);
}

function max(params: URLSearchParams) {
  const value = params.get("max");
  if (value === null || value === "-1") return undefined;
  if (!/^\d{1,9}$/.test(value)) throw new AppError("VALIDATION", `Invalid value '${value}' for parameter max: use a whole number.`);
  return Number(value);
}

/** Splits oVirt's trailing `page N` off a search (`page 2` alone is a search for everything). */
function searchAndPage(raw: string | null) {
  const search = raw?.trim() || undefined;
  const match = search && /(?:^|\s+)page\s+(\S+)$/i.exec(search);
  if (!match) return { search };
  if (!/^[1-9]\d{0,8}$/.test(match[1])) throw new AppError("VALIDATION", `Invalid page '${match[1]}' in the search: use a whole number from 1.`);
  return { search: search.slice(0, match.index).trim() || undefined, page: Number(match[1]) };
}

export function parseQuery(url: URL): RestQuery {
  const params = url.searchParams;
  const correlationId = params.get("correlation_id") ?? undefined;
  if (correlationId !== undefined && !/^[\w.:-]{1,200}$/.test(correlationId)) {
    throw new AppError("VALIDATION", "Invalid correlation_id: use up to 200 letters, digits, '_', '-', '.' or ':'.");
  }
  return {
    ...searchAndPage(params.get("search")),
    max: max(params),
    follow: (params.get("follow") ?? "").split(",").map((f) => f.trim()).filter(Boolean),
    clone: bool(params, "clone"),
    detachOnly: bool(params, "detach_only"),
    async: bool(params, "async"),
    format: bool(params, "format"),
    unregistered: bool(params, "unregistered"),
    storageDomain: params.get("storage_domain")?.trim() || undefined,
    from: params.get("from") ?? undefined,
    includeActive: bool(params, "include_active"),
    includeTemplate: bool(params, "include_template"),
    correlationId,
  };
}
