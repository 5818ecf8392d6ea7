import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { db } from "@/lib/db";
import { addVm } from "@/lib/vms/add-vm";
import { addDisk } from "@/lib/disks/add-disk";
import { moveDisks } from "@/lib/disks/move-disks";
import { createSnapshot } from "@/lib/snapshots/create-snapshot";
import { volumePath } from "@/lib/storage/layout";
import { deleteVm } from "@/lib/vms/delete-vm";
import { deleteDisk } from "@/lib/disks/delete-disk";
import { attachDisk, detachDisk } from "@/lib/disks/attach-disk";
import { admin, createDomains, finished, GiB, leafOf, MiB, qemuInfo, readsPattern, writePattern } from "@/tests/support/fixtures";

let domains: Awaited<ReturnType<typeof createDomains>>;
beforeAll(async () => {
  domains = await createDomains(4);
});

async function vmWithThreeDisks(name: string) {
  const [a, b, c] = domains.data;
  return finished(
    addVm(
      {
        name,
        cpus: 2,
        memoryMb: 256,
        disks: [
          { alias: `${name}-os`, provisionedSize: 2 * GiB, storageDomainId: a.id, bootable: true },
          { alias: `${name}-data`, provisionedSize: GiB, format: "raw", allocation: "preallocated", storageDomainId: b.id, interface: "virtio_scsi" },
          { alias: `${name}-logs`, provisionedSize: 512 * MiB, format: "raw", storageDomainId: c.id, interface: "sata" },
        ],
      },
      admin,
    ),
  );
}

describe("add VM with disks on three domains", () => {
  it("creates each image in its own domain's directory with the requested format and size", async () => {
    const { vmId, diskIds } = await vmWithThreeDisks("web1");
    const vm = await db.vm.findUniqueOrThrow({ where: { id: vmId } });
    expect(vm.status).toBe("down");
    const expected = [
      { domain: domains.data[0], format: "qcow2", size: 2 * GiB },
      { domain: domains.data[1], format: "raw", size: GiB },
      { domain: domains.data[2], format: "raw", size: 512 * MiB },
    ];
    for (const [i, diskId] of diskIds.entries()) {
      const { path, domain, volume } = await leafOf(diskId);
      expect(domain.id).toBe(expected[i].domain.id);
      expect(path.startsWith(expected[i].domain.path)).toBe(true);
      const info = qemuInfo(path);
      expect(info.format).toBe(expected[i].format);
      expect(info["virtual-size"]).toBe(expected[i].size);
      expect(Number(volume.actualSize)).toBe(info["actual-size"]);
      const disk = await db.disk.findUniqueOrThrow({ where: { id: diskId } });
      expect(disk.status).toBe("ok");
    }
    // preallocated raw: blocks reserved up front
    expect(qemuInfo((await leafOf(diskIds[1])).path)["actual-size"]).toBeGreaterThanOrEqual(GiB);
    const job = await db.job.findFirstOrThrow({ where: { type: "add_vm" }, include: { steps: true } });
    expect(job.steps).toHaveLength(3);
    expect(job.steps.every((s) => s.status === "finished")).toBe(true);
    expect(job.progress).toBe(100);
  });

  it("adds a disk to a VM on a domain the VM does not use yet, and a floating disk", async () => {
    const { vmId } = await vmWithThreeDisks("web2");
    const fourth = domains.data[3];
    const { diskId } = await finished(addDisk({ vmId, alias: "web2-extra", provisionedSize: GiB, storageDomainId: fourth.id }, admin));
    expect((await leafOf(diskId)).domain.id).toBe(fourth.id);
    expect(qemuInfo((await leafOf(diskId)).path)["virtual-size"]).toBe(GiB);
    const attachments = await db.diskAttachment.findMany({ where: { vmId } });
    expect(attachments).toHaveLength(4);

    const floating = await finished(addDisk({ alias: "spare", provisionedSize: 100 * MiB, storageDomainId: fourth.id }, admin));
    expect(await db.diskAttachment.count({ where: { diskId: floating.diskId } })).toBe(0);
    await attachDisk({ vmId, diskId: floating.diskId }, admin);
    expect(await db.diskAttachment.count({ where: { vmId } })).toBe(5);
    await detachDisk({ vmId, diskId: floating.diskId }, admin);
    const spare = await leafOf(floating.diskId);
    await finished(deleteDisk({ diskId: floating.diskId }, admin));
    expect(existsSync(spare.path)).toBe(false);
    expect(await db.disk.count({ where: { id: floating.diskId } })).toBe(0);
  });
});

describe("move disks", () => {
  it("moves three disks, each to its own new domain, keeping their data and removing the sources", async () => {
    const { diskIds } = await vmWithThreeDisks("db1");
    const before = await Promise.all(diskIds.map(leafOf));
    writePattern(before[0].path, "qcow2", 0xab, 0, MiB);
    writePattern(before[1].path, "raw", 0xcd, 4 * MiB, MiB);
    const targets = [domains.data[3], domains.data[0], domains.data[1]];
    await finished(moveDisks({ moves: diskIds.map((diskId, i) => ({ diskId, storageDomainId: targets[i].id })) }, admin));
    const after = await Promise.all(diskIds.map(leafOf));
    for (const [i, moved] of after.entries()) {
      expect(moved.domain.id).toBe(targets[i].id);
      expect(moved.path.startsWith(targets[i].path)).toBe(true);
      expect(existsSync(before[i].path)).toBe(false);
      expect(existsSync(`${before[i].path}.meta`)).toBe(false);
    }
    expect(readsPattern(after[0].path, 0xab, 0, MiB)).toBe(true);
    expect(readsPattern(after[1].path, 0xcd, 4 * MiB, MiB)).toBe(true);
    expect(qemuInfo(after[1].path).format).toBe("raw");
    expect((await db.disk.findMany({ where: { id: { in: diskIds } } })).every((d) => d.status === "ok" && !d.lockJobId)).toBe(true);
  });

  it("copies a thin volume's file as it is (its qcow2 layout and its holes kept) and converts a preallocated one", async () => {
    const [a, b] = domains.data;
    const { diskIds } = await finished(
      addVm(
        {
          name: "shape1",
          disks: [
            { alias: "shape1-qcow2", provisionedSize: 2 * GiB, storageDomainId: a.id },
            { alias: "shape1-raw", provisionedSize: 10 * GiB, format: "raw", storageDomainId: a.id },
            { alias: "shape1-full", provisionedSize: 64 * MiB, format: "raw", allocation: "preallocated", storageDomainId: a.id },
          ],
        },
        admin,
      ),
    );
    const [qcow2, raw, full] = await Promise.all(diskIds.map(leafOf));
    // 4 KiB clusters: a qemu-img convert would write the engine's default of 64 KiB.
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", "-o", "cluster_size=4096", qcow2.path, String(2 * GiB)]);
    writePattern(qcow2.path, "qcow2", 0x3c, GiB, MiB);
    writePattern(raw.path, "raw", 0x5d, 5 * GiB, MiB);
    await finished(moveDisks({ moves: diskIds.map((diskId) => ({ diskId, storageDomainId: b.id })) }, admin));
    const [movedQcow2, movedRaw, movedFull] = await Promise.all(diskIds.map(leafOf));
    expect(qemuInfo(movedQcow2.path)["cluster-size"]).toBe(4096);
    expect(readsPattern(movedQcow2.path, 0x3c, GiB, MiB)).toBe(true);
    expect(() => execFileSync("qemu-img", ["check", "-q", movedQcow2.path])).not.toThrow();
    expect(readsPattern(movedRaw.path, 0x5d, 5 * GiB, MiB)).toBe(true);
    expect(qemuInfo(movedRaw.path)["actual-size"]).toBeLessThan(16 * MiB);
    expect(qemuInfo(movedFull.path)["actual-size"]).toBeGreaterThanOrEqual(64 * MiB);
    for (const source of [qcow2, raw, full]) expect(existsSync(source.path)).toBe(false);
  });

  it("copies each volume of a snapshot chain byte for byte, next to its copied parent", async () => {
    const [a, b] = domains.data;
    const { vmId, diskIds } = await finished(addVm({ name: "chain1", disks: [{ alias: "chain1-os", provisionedSize: GiB, storageDomainId: a.id }] }, admin));
    writePattern((await leafOf(diskIds[0])).path, "qcow2", 0x21, 0, MiB);
    await finished(createSnapshot({ vmId, description: "before" }, admin));
    // The new top volume again with 4 KiB clusters: a qemu-img convert would write 64 KiB ones.
    const top = (await leafOf(diskIds[0])).path;
    const parent = qemuInfo(top)["backing-filename"]!;
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", "-o", "cluster_size=4096", "-b", parent, "-F", "qcow2", top, String(GiB)]);
    writePattern(top, "qcow2", 0x43, 2 * MiB, MiB);
    const volumes = await db.volume.findMany({ where: { diskId: diskIds[0] }, include: { storageDomain: true } });
    expect(volumes).toHaveLength(2);
    const digest = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
    const before = new Map(volumes.map((v) => [v.id, digest(volumePath(v.storageDomain, diskIds[0], v.id))]));

    await finished(moveDisks({ moves: [{ diskId: diskIds[0], storageDomainId: b.id }] }, admin));
    for (const [volumeId, sum] of before) expect(digest(volumePath(b, diskIds[0], volumeId))).toBe(sum);
    const leaf = (await leafOf(diskIds[0])).path;
    expect(qemuInfo(leaf)["cluster-size"]).toBe(4096);
    expect(readsPattern(leaf, 0x21, 0, MiB) && readsPattern(leaf, 0x43, 2 * MiB, MiB)).toBe(true);
    expect(() => execFileSync("qemu-img", ["check", "-q", leaf])).not.toThrow();
  });
});

describe("delete VM", () => {
  it("removes the VM and its disks' files", async () => {
    const { vmId, diskIds } = await vmWithThreeDisks("tmp1");
    const files = await Promise.all(diskIds.map(leafOf));
    await finished(deleteVm({ vmId }, admin));
    expect(await db.vm.count({ where: { id: vmId } })).toBe(0);
    expect(await db.disk.count({ where: { id: { in: diskIds } } })).toBe(0);
    for (const f of files) expect(existsSync(f.path)).toBe(false);
  });

  it("keeps the disks as floating disks with detachOnly", async () => {
    const { vmId, diskIds } = await vmWithThreeDisks("tmp2");
    await finished(deleteVm({ vmId, detachOnly: true }, admin));
    expect(await db.vm.count({ where: { id: vmId } })).toBe(0);
    expect(await db.disk.count({ where: { id: { in: diskIds } } })).toBe(3);
    expect(await db.diskAttachment.count({ where: { diskId: { in: diskIds } } })).toBe(0);
    for (const id of diskIds) expect(existsSync((await leafOf(id)).path)).toBe(true);
  });
});
