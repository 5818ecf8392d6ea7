import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { listDisks } from "@/lib/queries/list-disks";
import { parseListParams } from "@/lib/queries/pagination";
import { percentile, report, seconds } from "./measure";

// BENCHMARK FIXTURE: 10,000 VMs, 40,000 disks, 50 domains, as database rows only (no image
// files). It lives in the benchmark's throw-away database and nowhere else.
async function createScaleFixture() {
  const dc = await db.dataCenter.create({ data: { id: randomUUID(), name: "Scale-fixture" } });
  const cluster = await db.cluster.create({ data: { id: randomUUID(), name: "Scale-fixture", dataCenterId: dc.id } });
  const domains = Array.from({ length: 50 }, (_, i) => ({ id: randomUUID(), name: `fixture-sd-${i}`, type: "data", path: `/nonexistent/fixture-sd-${i}`, status: "active", dataCenterId: dc.id }));
  await db.storageDomain.createMany({ data: domains });
  const batch = 1000;
  for (let start = 0; start < 10_000; start += batch) {
    const vms = Array.from({ length: batch }, (_, i) => ({ id: randomUUID(), name: `fixture-vm-${start + i}`, clusterId: cluster.id }));
    const disks = vms.flatMap((vm, v) => Array.from({ length: 4 }, (_, d) => ({ id: randomUUID(), alias: `${vm.name}-disk${d}`, provisionedSize: BigInt(10 * 2 ** 30), format: "qcow2", allocation: "thin", _vm: vm.id, _domain: domains[(start + v + d) % 50].id })));
    await db.vm.createMany({ data: vms });
    await db.disk.createMany({ data: disks.map(({ _vm, _domain, ...disk }) => disk) });
    await db.volume.createMany({ data: disks.map((d) => ({ id: randomUUID(), diskId: d.id, storageDomainId: d._domain, format: "qcow2", actualSize: BigInt(200 * 1024) })) });
    await db.diskAttachment.createMany({ data: disks.map((d) => ({ id: randomUUID(), diskId: d.id, vmId: d._vm })) });
  }
}

export async function runListingBenchmark() {
  const created = await seconds(createScaleFixture);
  console.log(`     scale fixture: 10,000 VMs, 40,000 disks, 50 domains created in ${created.toFixed(1)} s`);
  const times = [];
  for (let i = 0; i < 60; i++) {
    const page = 1 + ((i * 37) % 400);
    times.push((await seconds(() => listDisks(parseListParams({ page: String(page), pageSize: "100" }), {}, systemActor))) * 1000);
  }
  const measured = times.slice(10); // the first calls warm the connection and statement caches
  const p50 = percentile(measured, 50);
  report("list one page of 100 disks with their domains (40,000 disks)", `p50 ${p50.toFixed(1)} ms, p95 ${percentile(measured, 95).toFixed(1)} ms`, "p50 <= 20 ms", p50 <= 20);
}
