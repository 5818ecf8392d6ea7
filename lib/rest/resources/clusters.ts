import "server-only";
import { getCluster, getDataCenter, listClusters, listDataCenters } from "@/lib/queries/list-clusters";
import type { RestQuery } from "../query";
import { limit, matchesAll, parseSearch } from "../search";
import { clusterNode, dataCenterNode } from "../serialize/cluster";

// /clusters, /datacenters and /datacenters/{id}/clusters.

const SEARCH_KEYS = ["name", "id"] as const;

function pick<T extends { id: string; name: string }>(rows: T[], query: RestQuery) {
  const terms = parseSearch(query.search, SEARCH_KEYS);
  return limit(rows.filter((r) => matchesAll(terms, { name: r.name, id: r.id })), query.max);
}

export async function clusterNodes(query: RestQuery, dataCenterId?: string) {
  if (dataCenterId) await getDataCenter(dataCenterId);
  return pick(await listClusters({ dataCenterId }), query).map(clusterNode);
}

export async function clusterEntityNode(id: string) {
  return clusterNode(await getCluster(id));
}

export async function dataCenterNodes(query: RestQuery) {
  return pick(await listDataCenters(), query).map(dataCenterNode);
}

export async function dataCenterEntityNode(id: string) {
  return dataCenterNode(await getDataCenter(id));
}
