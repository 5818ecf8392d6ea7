import { beforeAll, describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { db } from "@/lib/db";
import { trashDir } from "@/lib/storage/trash";
import { addVm } from "@/lib/vms/add-vm";
import { deleteVm } from "@/lib/vms/delete-vm";
import { moveDisks } from "@/lib/disks/move-disks";
import { addDisk } from "@/lib/disks/add-disk";
import { createSnapshot } from "@/lib/snapshots/create-snapshot";
import { addTemplateFromVm } from "@/lib/templates/add-template-from-vm";
import { waitForJob } from "@/lib/jobs/run-job";
import { startVm } from "@/lib/vms/runtime/start-vm";
import { admin, createDomains, finished, GiB, leafOf, MiB, readsPattern, writePattern } from "@/tests/support/fixtures";

// Disk jobs hold their VM shared, as the engine does: clients that loop over a VM's disks and
// move each with its own request get all the moves; what changes the VM itself waits for them.

describe("shared holds on a VM", () => {
  let domains: Awaited<ReturnType<typeof createDomains>>;
  let vm: { vmId: string; diskIds: string[] };

  beforeAll(async () => {
    domains = await createDomains(3);
    vm = await finished(addVm({ name: "holder", disks: [0, 1].map((i) => ({ alias: `held-${i}`, provisionedSize: GiB, storageDomainId: domains.data[i].id })) }, admin));
    for (const [i, diskId] of vm.diskIds.entries()) writePattern((await leafOf(diskId)).path, "qcow2", 0x41 + i, 0, 256 * MiB); // moves that last while the refusals are checked
  });

  it("two moves of two disks of one VM, sent one after the other, both run; the VM cannot be run or removed meanwhile", async () => {
    const first = await moveDisks({ moves: [{ diskId: vm.diskIds[0], storageDomainId: domains.data[2].id }] }, admin);
    const second = await moveDisks({ moves: [{ diskId: vm.diskIds[1], storageDomainId: domains.data[2].id }] }, admin);
    // The same disk twice is still refused: disks are locked exclusively.
    await expect(moveDisks({ moves: [{ diskId: vm.diskIds[0], storageDomainId: domains.data[1].id }] }, admin)).rejects.toMatchObject({ code: "DISK_LOCKED" });
    expect(await db.vmHold.count({ where: { vmId: vm.vmId } })).toBeGreaterThan(0);
    await expect(startVm({ vmId: vm.vmId }, admin)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("being moved") });
    await expect(deleteVm({ vmId: vm.vmId }, admin)).rejects.toMatchObject({ httpStatus: 409 });

    for (const { job } of [first, second]) expect((await waitForJob(job.id)).status).toBe("finished");
    expect(await db.vmHold.count()).toBe(0);
    expect(await db.vm.findUniqueOrThrow({ where: { id: vm.vmId } })).toMatchObject({ status: "down", lockJobId: null });
    for (const [i, diskId] of vm.diskIds.entries()) {
      const leaf = await leafOf(diskId);
      expect(leaf.domain.id).toBe(domains.data[2].id);
      expect(readsPattern(leaf.path, 0x41 + i, 0, 64 * MiB)).toBe(true);
    }
    // Both sources are freed from their domains' trash, though the two jobs committed side by side.
    const trashes = domains.data.slice(0, 2).map((d) => trashDir(d));
    await expect.poll(() => trashes.flatMap((dir) => readdirSync(dir)), { timeout: 10_000 }).toEqual([]);
  });

  it("a VM removed while a disk is added to it: one of them wins, and no disk is left floating", async () => {
    for (let trial = 0; trial < 12; trial++) {
      const { vmId } = await finished(addVm({ name: `race-${trial}`, disks: [{ alias: `race-${trial}-os`, provisionedSize: GiB, storageDomainId: domains.data[0].id }] }, admin));
      const [removed, added] = await Promise.allSettled([
        deleteVm({ vmId }, admin).then(({ job }) => waitForJob(job.id)),
        addDisk({ vmId, alias: `race-${trial}-extra`, provisionedSize: GiB, storageDomainId: domains.data[1].id }, admin).then(({ job }) => waitForJob(job.id)),
      ]);
      const vmGone = removed.status === "fulfilled" && removed.value.status === "finished";
      const diskAdded = added.status === "fulfilled" && added.value.status === "finished";
      expect(vmGone && diskAdded, `trial ${trial}`).toBe(false);
      expect(vmGone || diskAdded, `trial ${trial}`).toBe(true);
      const extra = await db.disk.findFirst({ where: { alias: `race-${trial}-extra` }, include: { attachments: true } });
      if (extra) expect(extra.attachments.map((a) => a.vmId)).toEqual([vmId]);
      expect(await db.disk.count({ where: { lockJobId: { not: null } } })).toBe(0);
      expect(await db.vmHold.count()).toBe(0);
    }
  });

  // Each pair started together on one VM, repeatedly: the allowed outcomes only, and nothing left
  // locked, held or half made.
  type Start = (vmId: string, diskIds: string[], trial: number) => Promise<{ job: { id: string } }>;
  const pairs: Record<string, { a: Start; b: Start }> = {
    "move x snapshot": {
      a: (_vmId, diskIds) => moveDisks({ moves: [{ diskId: diskIds[0], storageDomainId: domains.data[2].id }] }, admin),
      b: (vmId) => createSnapshot({ vmId, description: "racing" }, admin),
    },
    "remove x template from VM": {
      a: (vmId) => deleteVm({ vmId }, admin),
      b: (vmId, _diskIds, trial) => addTemplateFromVm({ name: `race-tpl-${trial}-${vmId.slice(0, 4)}`, vmId }, admin),
    },
  };
  for (const [name, pair] of Object.entries(pairs)) {
    it(`${name}: exactly one of them is carried out, the other refused with 409; nothing is left locked`, async () => {
      for (let trial = 0; trial < 6; trial++) {
        const { vmId, diskIds } = await finished(addVm({ name: `pair-${name.replace(/\W+/g, "-")}-${trial}`, disks: [{ alias: `pair-${trial}-${name.length}`, provisionedSize: GiB, storageDomainId: domains.data[0].id }] }, admin));
        const outcomes = await Promise.allSettled([pair.a(vmId, diskIds, trial), pair.b(vmId, diskIds, trial)].map((p) => p.then(({ job }) => waitForJob(job.id))));
        const finishedCount = outcomes.filter((o) => o.status === "fulfilled" && o.value.status === "finished").length;
        expect(finishedCount, `trial ${trial}: ${outcomes.map((o) => (o.status === "fulfilled" ? o.value.status : (o.reason as Error).message)).join(" / ")}`).toBe(1);
        for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toMatchObject({ httpStatus: 409 });
        expect(await db.disk.count({ where: { lockJobId: { not: null } } })).toBe(0);
        expect(await db.vm.count({ where: { lockJobId: { not: null } } })).toBe(0);
        expect(await db.template.count({ where: { lockJobId: { not: null } } })).toBe(0);
        expect(await db.vmHold.count()).toBe(0);
        expect(await db.spaceReservation.count()).toBe(0);
      }
    });
  }

  it("50 concurrent conflicting requests on one VM (remove, snapshot, template, move of its disk): exactly one is carried out, 49 get 409", async () => {
    const { vmId, diskIds } = await finished(addVm({ name: "race-50", disks: [{ alias: "race-50-os", provisionedSize: GiB, storageDomainId: domains.data[0].id }] }, admin));
    const kinds: Start[] = [
      (id) => deleteVm({ vmId: id }, admin),
      (id) => createSnapshot({ vmId: id, description: "racing" }, admin),
      (id, _d, i) => addTemplateFromVm({ name: `race-50-tpl-${i}`, vmId: id }, admin),
      (_id, disks) => moveDisks({ moves: [{ diskId: disks[0], storageDomainId: domains.data[2].id }] }, admin),
    ];
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => kinds[i % kinds.length](vmId, diskIds, i).then(({ job }) => waitForJob(job.id))));
    const carriedOut = outcomes.filter((o) => o.status === "fulfilled" && o.value.status === "finished");
    expect(carriedOut).toHaveLength(1);
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(refused).toHaveLength(49);
    for (const o of refused) expect(o.reason).toMatchObject({ httpStatus: 409 });
    expect(await db.disk.count({ where: { lockJobId: { not: null } } })).toBe(0);
    expect(await db.vm.count({ where: { lockJobId: { not: null } } })).toBe(0);
    expect(await db.template.count({ where: { lockJobId: { not: null } } })).toBe(0);
    expect(await db.vmHold.count()).toBe(0);
    expect(await db.spaceReservation.count()).toBe(0);
  });
});
