import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/passwords";

// BENCHMARK FIXTURE: 10,000 VMs, 40,000 disks, 50 domains, 200 templates, 20,000 jobs and
// 100,000 events, as database rows only (no image files), and a user with permissions on 10 VMs.
// It lives in the benchmark's throw-away database and nowhere else.

export const FIXTURE_USER = "fixture-user@internal";
export const FIXTURE_PASSWORD = "fixture-password";

async function inBatches<T>(count: number, make: (i: number) => T, write: (rows: T[]) => Promise<unknown>, batch = 2000) {
  for (let start = 0; start < count; start += batch) {
    await write(Array.from({ length: Math.min(batch, count - start) }, (_, i) => make(start + i)));
  }
}

export async function createScaleFixture() {
  const dc = await db.dataCenter.create({ data: { id: randomUUID(), name: "Scale-fixture" } });
  const cluster = await db.cluster.create({ data: { id: randomUUID(), name: "Scale-fixture", dataCenterId: dc.id } });
  const domains = Array.from({ length: 50 }, (_, i) => ({ id: randomUUID(), name: `fixture-sd-${i}`, type: "data", path: `/nonexistent/fixture-sd-${i}`, status: "active", dataCenterId: dc.id }));
  await db.storageDomain.createMany({ data: domains });
  const vmIds: string[] = [];
  const batch = 1000;
  for (let start = 0; start < 10_000; start += batch) {
    const vms = Array.from({ length: batch }, (_, i) => ({ id: randomUUID(), name: `fixture-vm-${start + i}`, clusterId: cluster.id }));
    vmIds.push(...vms.map((vm) => vm.id));
    const disks = vms.flatMap((vm, v) => Array.from({ length: 4 }, (_, d) => ({ id: randomUUID(), alias: `${vm.name}-disk${d}`, provisionedSize: BigInt(10 * 2 ** 30), format: "qcow2", allocation: "thin", _vm: vm.id, _domain: domains[(start + v + d) % 50].id })));
    await db.vm.createMany({ data: vms });
    await db.disk.createMany({ data: disks.map(({ _vm, _domain, ...disk }) => disk) });
    await db.volume.createMany({ data: disks.map((d) => ({ id: randomUUID(), diskId: d.id, storageDomainId: d._domain, format: "qcow2", actualSize: BigInt(200 * 1024), capacity: BigInt(10 * 2 ** 30) })) });
    await db.diskAttachment.createMany({ data: disks.map((d) => ({ id: randomUUID(), diskId: d.id, vmId: d._vm })) });
  }

  // Templates: 2 disks each, each disk with a copy on two domains.
  const templates = Array.from({ length: 200 }, (_, i) => ({ id: randomUUID(), name: `fixture-template-${i}`, clusterId: cluster.id }));
  await db.template.createMany({ data: templates });
  const templateDisks = templates.flatMap((t, i) => [0, 1].map((d) => ({ id: randomUUID(), alias: `${t.name}-disk${d}`, provisionedSize: BigInt(20 * 2 ** 30), format: "qcow2", allocation: "thin", _template: t.id, _i: i + d })));
  await db.disk.createMany({ data: templateDisks.map(({ _template, _i, ...disk }) => disk) });
  await db.volume.createMany({ data: templateDisks.flatMap((d) => [0, 1].map((c) => ({ id: randomUUID(), diskId: d.id, storageDomainId: domains[(d._i + c * 7) % 50].id, format: "qcow2", actualSize: BigInt(2 * 2 ** 30), capacity: BigInt(20 * 2 ** 30) }))) });
  await db.diskAttachment.createMany({ data: templateDisks.map((d) => ({ id: randomUUID(), diskId: d.id, templateId: d._template })) });

  // Job history, each job with one step, and the audit log.
  const day = 24 * 3600 * 1000;
  const now = Date.now();
  await inBatches(
    20_000,
    (i) => ({ id: randomUUID(), type: "move_disks", description: `Move disk fixture-vm-${i % 10_000}-disk0`, status: i % 50 ? "finished" : "failed", progress: 100, payload: "{}", actor: i % 3 ? "admin@internal" : FIXTURE_USER, createdAt: new Date(now - 30 * day + i * 100_000), endedAt: new Date(now - 30 * day + i * 100_000 + 5000) }),
    async (jobs) => {
      await db.job.createMany({ data: jobs });
      await db.jobStep.createMany({ data: jobs.map((job) => ({ id: randomUUID(), jobId: job.id, position: 0, name: job.description, status: job.status, progress: 100 })) });
    },
  );
  await inBatches(
    100_000,
    (i) => ({ createdAt: new Date(now - 30 * day + i * 20_000), actor: i % 3 ? "admin@internal" : FIXTURE_USER, action: "vm_added", severity: i % 40 ? "normal" : "warning", message: `VM fixture-vm-${i % 10_000} changed.`, objectType: "vm", objectId: vmIds[i % 10_000] }),
    (events) => db.event.createMany({ data: events }),
    5000,
  );

  // A user who holds a role on 10 VMs only.
  const userId = randomUUID();
  await db.user.create({
    data: {
      id: userId,
      name: FIXTURE_USER,
      passwordHash: await hashPassword(FIXTURE_PASSWORD),
      permissions: { create: vmIds.slice(0, 10).map((vmId) => ({ id: randomUUID(), role: "UserVmManager", objectType: "vm", objectId: vmId })) },
    },
  });
  return { userId };
}
