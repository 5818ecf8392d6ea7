import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

// Data centers and clusters: a handful of rows, listed whole.

export function listDataCenters() {
  return db.dataCenter.findMany({ orderBy: { name: "asc" }, include: { storageDomains: { select: { name: true } } } });
}

export async function getDataCenter(id: string) {
  const dataCenter = await db.dataCenter.findUnique({ where: { id } });
  if (!dataCenter) throw new AppError("NOT_FOUND", `Data Center ${id} doesn't exist.`);
  return dataCenter;
}

export function listClusters(filter: { dataCenterId?: string } = {}) {
  return db.cluster.findMany({ where: filter, orderBy: { name: "asc" } });
}

export async function getCluster(id: string) {
  const cluster = await db.cluster.findUnique({ where: { id } });
  if (!cluster) throw new AppError("NOT_FOUND", `Cluster ${id} doesn't exist.`);
  return cluster;
}

/** Per cluster id: its name and its data center's, for searches by cluster= and datacenter=. */
export async function clusterPlaces() {
  const clusters = await db.cluster.findMany({ select: { id: true, name: true, dataCenter: { select: { name: true } } } });
  return new Map(clusters.map((c) => [c.id, { cluster: c.name, datacenter: c.dataCenter.name }]));
}
