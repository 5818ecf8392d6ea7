import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";

/** The data center and cluster the benchmark groups' domains and VMs go into: made once, so any group also runs alone. */
export async function ensureBenchDataCenter() {
  if (await db.dataCenter.count()) return;
  const dc = await db.dataCenter.create({ data: { id: randomUUID(), name: "Bench" } });
  await db.cluster.create({ data: { id: randomUUID(), name: "Bench", dataCenterId: dc.id } });
}
