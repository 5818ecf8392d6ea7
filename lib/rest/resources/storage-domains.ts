import "server-only";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { getDataCenter } from "@/lib/queries/list-clusters";
import { getStorageDomain, listStorageDomains } from "@/lib/queries/list-storage-domains";
import type { RestQuery } from "../query";
import { limit, matchesAll, parseSearch } from "../search";
import { storageDomainNode } from "../serialize/storage-domain";

// /storagedomains and the data-center view /datacenters/{id}/storagedomains.

const SEARCH_KEYS = ["name", "id", "type", "status"] as const;

export async function storageDomainNodes(actor: Actor, query: RestQuery, dataCenterId?: string) {
  if (dataCenterId) await getDataCenter(dataCenterId);
  const search = parseSearch(query.search, SEARCH_KEYS);
  const domains = (await listStorageDomains(actor)).filter((d) => (!dataCenterId || d.dataCenterId === dataCenterId) && matchesAll(search, { name: d.name, id: d.id, type: d.type, status: d.status }));
  return limit(domains, query.max).map((d) => storageDomainNode(d, dataCenterId ? "dataCenter" : "top"));
}

export async function storageDomainEntityNode(actor: Actor, id: string, dataCenterId?: string) {
  const domain = await getStorageDomain(id, actor);
  if (dataCenterId && domain.dataCenterId !== dataCenterId) throw new AppError("NOT_FOUND", `Storage Domain ${id} is not in data center ${dataCenterId}.`);
  return storageDomainNode(domain, dataCenterId ? "dataCenter" : "top");
}
