import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { db } from "@/lib/db";
import { readVolumeMeta } from "@/lib/storage/volume-meta";
import { addVm } from "@/lib/vms/add-vm";
import { createSnapshot } from "@/lib/snapshots/create-snapshot";
import { deleteSnapshot } from "@/lib/snapshots/delete-snapshot";
import { restoreSnapshot } from "@/lib/snapshots/restore-snapshot";
import { exportObject } from "@/lib/transfer/export-object";
import { importObject } from "@/lib/transfer/import-object";
import { listExported } from "@/lib/transfer/exported";
import { addTemplateFromVm } from "@/lib/templates/add-template-from-vm";
import { ovfPath } from "@/lib/storage/layout";
import { recoverJobs } from "@/lib/jobs/recover-jobs";
import { killPortalAt } from "@/tests/support/runtime-fixtures";
import { admin, backingOf, createDomains, finished, GiB, leafOf, MiB, qemuChain, readsPattern, writePattern } from "@/tests/support/fixtures";

let domains: Awaited<ReturnType<typeof createDomains>>;
beforeAll(async () => {
  domains = await createDomains(4);
});

async function vmOnThreeDomains(name: string) {
  const result = await finished(
    addVm({ name, disks: domains.data.slice(0, 3).map((d, i) => ({ alias: `${name}-d${i}`, provisionedSize: GiB, storageDomainId: d.id, format: i === 2 ? ("raw" as const) : ("qcow2" as const) })) }, admin),
  );
  for (const [i, id] of result.diskIds.entries()) writePattern((await leafOf(id)).path, (await leafOf(id)).volume.format, 0x30 + i, 0, MiB);
  return result;
}

describe("snapshots", () => {
  it("creates an overlay per disk on that disk's own domain, restores and deletes", async () => {
    const { vmId, diskIds } = await vmOnThreeDomains("snap1");
    const bases = await Promise.all(diskIds.map(leafOf));
    const { snapshotId } = await finished(createSnapshot({ vmId, description: "before upgrade" }, admin));
    for (const [i, id] of diskIds.entries()) {
      const leaf = await leafOf(id);
      expect(leaf.domain.id).toBe(domains.data[i].id);
      expect(backingOf(leaf.path)).toBe(bases[i].path);
      expect(qemuChain(leaf.path)[0].format).toBe("qcow2");
      writePattern(leaf.path, "qcow2", 0x99, 0, MiB); // the guest changes its data after the snapshot
    }
    expect((await db.volume.findUniqueOrThrow({ where: { id: bases[0].volume.id } })).snapshotId).toBe(snapshotId);

    await finished(restoreSnapshot({ vmId, snapshotId }, admin));
    for (const [i, id] of diskIds.entries()) {
      const leaf = await leafOf(id);
      expect(readsPattern(leaf.path, 0x30 + i, 0, MiB)).toBe(true);
      expect(await db.volume.count({ where: { diskId: id } })).toBe(2);
    }
    const overlays = await Promise.all(diskIds.map(leafOf));
    writePattern(overlays[0].path, "qcow2", 0x77, 2 * MiB, MiB);

    await finished(deleteSnapshot({ vmId, snapshotId }, admin));
    expect(await db.snapshot.count({ where: { vmId } })).toBe(0);
    for (const [i, id] of diskIds.entries()) {
      const leaf = await leafOf(id);
      expect(await db.volume.count({ where: { diskId: id } })).toBe(1);
      expect(qemuChain(leaf.path)).toHaveLength(1);
      expect((await readVolumeMeta(leaf.path)).parent).toBeNull();
      // A qcow2 disk's overlay takes its base's data; a raw disk's base takes its overlay's and stays.
      if (i === 2) expect(leaf.path).toBe(bases[i].path);
      else expect(existsSync(bases[i].path)).toBe(false);
      expect(readsPattern(leaf.path, 0x30 + i, 0, MiB)).toBe(true);
      expect(leaf.domain.id).toBe(domains.data[i].id);
    }
    expect(readsPattern((await leafOf(diskIds[0])).path, 0x77, 2 * MiB, MiB)).toBe(true);
  });
});

describe("snapshots of a raw disk", () => {
  it("are deleted by merging down into the raw base, which the disk keeps with its allocation", async () => {
    const { vmId, diskIds } = await finished(
      addVm({ name: "rawsnap", disks: [{ alias: "rawsnap-d0", provisionedSize: 64 * MiB, format: "raw", allocation: "preallocated", storageDomainId: domains.data[0].id }] }, admin),
    );
    const base = await leafOf(diskIds[0]);
    writePattern(base.path, "raw", 0x51, 0, MiB);
    const first = (await finished(createSnapshot({ vmId, description: "first" }, admin))).snapshotId;
    const middle = await leafOf(diskIds[0]);
    writePattern(middle.path, "qcow2", 0x52, 2 * MiB, MiB);
    const second = (await finished(createSnapshot({ vmId, description: "second" }, admin))).snapshotId;
    writePattern((await leafOf(diskIds[0])).path, "qcow2", 0x53, 4 * MiB, MiB);
    const readsAll = (file: string) => readsPattern(file, 0x51, 0, MiB) && readsPattern(file, 0x52, 2 * MiB, MiB) && readsPattern(file, 0x53, 4 * MiB, MiB);

    // The oldest snapshot: the volume above the base goes down into it; the top is relinked.
    await finished(deleteSnapshot({ vmId, snapshotId: first }, admin));
    const top = await leafOf(diskIds[0]);
    expect(backingOf(top.path)).toBe(base.path);
    expect((await readVolumeMeta(top.path)).parent).toBe(base.volume.id);
    expect(existsSync(middle.path)).toBe(false);
    expect(existsSync(`${base.path}.merging`)).toBe(false);
    expect((await db.volume.findUniqueOrThrow({ where: { id: base.volume.id } })).snapshotId).toBe(second);
    expect(readsAll(top.path)).toBe(true);

    // The last one: the active layer goes down too, and the base is the disk again.
    await finished(deleteSnapshot({ vmId, snapshotId: second }, admin));
    const after = await leafOf(diskIds[0]);
    expect(after.path).toBe(base.path);
    expect(after.volume).toMatchObject({ format: "raw", leaf: true, snapshotId: null });
    expect(qemuChain(after.path)).toHaveLength(1);
    expect(qemuChain(after.path)[0].format).toBe("raw");
    expect(qemuChain(after.path)[0]["actual-size"]).toBeGreaterThanOrEqual(64 * MiB); // still preallocated
    expect(existsSync(top.path)).toBe(false);
    expect(readsAll(after.path)).toBe(true);
    expect(await db.disk.findUniqueOrThrow({ where: { id: diskIds[0] } })).toMatchObject({ format: "raw", allocation: "preallocated", status: "ok", lockJobId: null });
    expect(await db.snapshot.count({ where: { vmId } })).toBe(0);
  });

  it("a portal killed after the merge into the base, before the commit, finishes the delete at start-up (roll forward)", async () => {
    const { vmId, diskIds } = await finished(addVm({ name: "rawcrash", disks: [{ alias: "rawcrash-d0", provisionedSize: 64 * MiB, format: "raw", storageDomainId: domains.data[1].id }] }, admin));
    const base = await leafOf(diskIds[0]);
    writePattern(base.path, "raw", 0x61, 0, MiB);
    const { snapshotId } = await finished(createSnapshot({ vmId, description: "before" }, admin));
    const overlay = await leafOf(diskIds[0]);
    writePattern(overlay.path, "qcow2", 0x62, MiB, MiB);

    const jobId = await killPortalAt("tests/helpers/start-merge-down-and-hang.ts", [vmId, snapshotId], { MULTISTORE_FAILPOINT: "merge-down:committed" });
    expect(existsSync(`${base.path}.merging`)).toBe(true);
    expect(await recoverJobs()).toMatchObject({ rolledForward: 1, rolledBack: 0 });
    expect((await db.job.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("finished");
    const after = await leafOf(diskIds[0]);
    expect(after.path).toBe(base.path);
    expect(qemuChain(after.path)).toHaveLength(1);
    expect(readsPattern(after.path, 0x61, 0, MiB) && readsPattern(after.path, 0x62, MiB, MiB)).toBe(true);
    expect(existsSync(overlay.path) || existsSync(`${base.path}.merging`)).toBe(false);
    expect(await db.snapshot.count({ where: { id: snapshotId } })).toBe(0);
    expect(await db.disk.findUniqueOrThrow({ where: { id: diskIds[0] } })).toMatchObject({ status: "ok", lockJobId: null });
  });
});

describe("export and import", () => {
  it("exports a VM with 3 disks and imports it back with each disk on a chosen domain", async () => {
    const { vmId, diskIds } = await vmOnThreeDomains("exp1");
    await finished(exportObject("vm", { id: vmId, storageDomainId: domains.exportDomain.id }, admin));
    expect(readFileSync(ovfPath(domains.exportDomain, "vms", vmId), "utf8")).toContain("exp1");
    const exported = await listExported(domains.exportDomain.id, "vms");
    expect(exported.map((e) => e.name)).toEqual(["exp1"]);
    expect(exported[0].disks).toHaveLength(3);
    await expect(exportObject("vm", { id: vmId, storageDomainId: domains.exportDomain.id }, admin)).rejects.toMatchObject({ code: "CONFLICT" });

    const targets = [domains.data[3], domains.data[0], domains.data[1]];
    const imported = await finished(
      importObject("vm", { exportDomainId: domains.exportDomain.id, id: vmId, name: "exp1-restored", disks: exported[0].disks.map((d, i) => ({ diskId: d.diskId, storageDomainId: targets[i].id })) }, admin),
    );
    const vm = await db.vm.findUniqueOrThrow({ where: { id: imported.id }, include: { attachments: { include: { disk: true } } } });
    expect(vm.status).toBe("down");
    expect(vm.attachments).toHaveLength(3);
    for (const [i, id] of imported.diskIds.entries()) {
      const leaf = await leafOf(id);
      const sourceIndex = (diskIds as string[]).indexOf(exported[0].disks[i].diskId);
      expect(leaf.domain.id).toBe(targets[i].id);
      expect(readsPattern(leaf.path, 0x30 + sourceIndex, 0, MiB)).toBe(true);
    }
  });

  it("exports a template and imports it with per-disk domains", async () => {
    const { vmId } = await vmOnThreeDomains("exp2");
    const { templateId } = await finished(addTemplateFromVm({ name: "exp2-tpl", vmId }, admin));
    await finished(exportObject("template", { id: templateId, storageDomainId: domains.exportDomain.id }, admin));
    const [exported] = await listExported(domains.exportDomain.id, "templates");
    const targets = [domains.data[1], domains.data[2], domains.data[3]];
    const imported = await finished(
      importObject("template", { exportDomainId: domains.exportDomain.id, id: templateId, name: "exp2-tpl-imported", disks: exported.disks.map((d, i) => ({ diskId: d.diskId, storageDomainId: targets[i].id })) }, admin),
    );
    expect((await db.template.findUniqueOrThrow({ where: { id: imported.id } })).status).toBe("ok");
    for (const [i, id] of imported.diskIds.entries()) {
      const volume = await db.volume.findFirstOrThrow({ where: { diskId: id } });
      expect(volume.storageDomainId).toBe(targets[i].id);
    }
  });
});
