import "server-only";
import { getCluster, getDataCenter, listClusters, listDataCenters } from "@/lib/queries/list-clusters";
import type { RestQuery } from "../query";
import { limit, matchesAll, parseSearch } from "../search";
import { clusterNode, dataCenterNode } from "../serialize/cluster";

// /clusters, /datacenters and /datacenters/{id}/clusters.

const SEARCH_KEYS = ["name", "id"] as const;

function pick<T extends { id: string; name: string }>(rows: T[], query: RestQuery) {
  const search = parseSearch(query.search, SEARCH_KEYS);
  return limit(rows.filter((r) => matchesAll(search, { name: r.name, id: r.id })), query.max);
}

export async function clusterNodes(query: RestQuery, dataCenterId?: string) {
  if (dataCenterId) await getDataCenter(dataCenterId);
  return pick(await listClusters({ dataCenterId }), query).map(clusterNode);
}

export async function clusterEntityNode(id: string) {
  return clusterNode(await getCluster(id));
}

// ovirt_storage_domain finds a domain's data center with `storage="name"`.
const DATA_CENTER_SEARCH_KEYS = ["name", "id", "storage"] as const;

export async function dataCenterNodes(query: RestQuery) {
  const search = parseSearch(query.search, DATA_CENTER_SEARCH_KEYS);
  const rows = (await listDataCenters()).filter((dc) => matchesAll(search, { name: dc.name, id: dc.id, storage: dc.storageDomains.map((d) => d.name) }));
  return limit(rows, query.max).map(dataCenterNode);
}

export async function dataCenterEntityNode(id: string) {
  return dataCenterNode(await getDataCenter(id));
}
