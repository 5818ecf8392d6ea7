import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { listDisks } from "@/lib/queries/list-disks";
import { parseListParams } from "@/lib/queries/pagination";
import { percentile, report, seconds } from "./measure";
import { ensureAdminUser, ADMIN_NAME } from "@/lib/auth/users";
import { issueToken } from "@/lib/rest/auth/tokens";
import { API_SCOPE } from "@/lib/rest/auth/authenticate";
import { GET as restDisks } from "@/app/ovirt-engine/api/disks/route";
import { GET as restVms } from "@/app/ovirt-engine/api/vms/route";
import { GET as restDomains } from "@/app/ovirt-engine/api/storagedomains/route";

type Handler = (request: Request, context: { params?: Promise<never> }) => Promise<Response>;

/** One REST collection through its route handler, in-process (no HTTP), with a bearer token: ms per call. */
async function restTimes(handler: Handler, path: string, authorization: string, count: number) {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    times.push(
      (await seconds(async () => {
        const response = await handler(new Request(`http://bench/ovirt-engine/api${path}`, { headers: { Authorization: authorization, Accept: "application/xml" } }), {});
        if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
        await response.text();
      })) * 1000,
    );
  }
  return times.slice(3); // the first calls warm the statement caches
}

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

  await ensureAdminUser();
  const bearer = `Bearer ${issueToken(ADMIN_NAME, API_SCOPE).token}`;
  for (const [path, handler] of [["/disks?max=100", restDisks], ["/vms?max=100", restVms], ["/storagedomains", restDomains]] as const) {
    const rest = await restTimes(handler as unknown as Handler, path, bearer, 23);
    const [p50r, p95r] = [percentile(rest, 50), percentile(rest, 95)];
    report(`REST GET ${path} on the scale fixture (bearer, in-process, 20 calls)`, `p50 ${p50r.toFixed(1)} ms, p95 ${p95r.toFixed(1)} ms`, "p50 <= 20 ms, p95 <= 50 ms", p50r <= 20 && p95r <= 50);
  }
}
