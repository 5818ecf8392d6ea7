import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addVm } from "@/lib/vms/add-vm";
import { addDisk } from "@/lib/disks/add-disk";
import { moveDisks } from "@/lib/disks/move-disks";
import { deleteVm } from "@/lib/vms/delete-vm";
import { createSnapshot } from "@/lib/snapshots/create-snapshot";
import { setStorageDomainStatus, updateStorageDomain } from "@/lib/storage-domains/manage-storage-domains";
import { admin, createDomains, filesOn, finished, GiB } from "@/tests/support/fixtures";

// Every refusal carries a clear message and changes nothing: no rows, no files, no locks.

let domains: Awaited<ReturnType<typeof createDomains>>;
let vmId: string;
let diskIds: string[];

beforeAll(async () => {
  domains = await createDomains(4);
  ({ vmId, diskIds } = await finished(
    addVm({ name: "base", disks: domains.data.slice(0, 3).map((d, i) => ({ alias: `base-${i}`, provisionedSize: GiB, storageDomainId: d.id })) }, admin),
  ));
});

async function snapshotOfState() {
  return {
    vms: await db.vm.count(),
    disks: await db.disk.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, lockJobId: true } }),
    volumes: await db.volume.findMany({ orderBy: { id: "asc" }, select: { id: true, storageDomainId: true } }),
    jobs: await db.job.count(),
    files: domains.data.flatMap(filesOn).sort(),
  };
}

async function expectRefused(action: () => Promise<unknown>, code: string, message: RegExp) {
  const before = await snapshotOfState();
  const error = await action().then(() => null, (e: unknown) => e);
  expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
  expect(await snapshotOfState()).toEqual(before);
}

const newDisk = (storageDomainId: string, extra: object = {}) => ({ alias: "x", provisionedSize: GiB, storageDomainId, ...extra });

describe("refused operations change nothing", () => {
  it("a domain in maintenance", async () => {
    const target = domains.data[3];
    await setStorageDomainStatus({ storageDomainId: target.id, status: "maintenance" }, admin);
    await expectRefused(() => addVm({ name: "m1", disks: [newDisk(domains.data[0].id), newDisk(target.id)] }, admin), "STORAGE_DOMAIN_INACTIVE", /data4 is in maintenance/);
    await expectRefused(() => moveDisks({ moves: [{ diskId: diskIds[0], storageDomainId: target.id }] }, admin), "STORAGE_DOMAIN_INACTIVE", /Cannot move Virtual Disk\. Target storage domain data4 is in maintenance/);
    await setStorageDomainStatus({ storageDomainId: target.id, status: "active" }, admin);
  });

  it("not enough space: every offending disk is named", async () => {
    const target = domains.data[3];
    await updateStorageDomain({ storageDomainId: target.id, criticalSpaceGb: 100_000 }, admin);
    await expectRefused(
      () => moveDisks({ moves: [{ diskId: diskIds[0], storageDomainId: target.id }, { diskId: diskIds[1], storageDomainId: target.id }] }, admin),
      "INSUFFICIENT_SPACE",
      /lacks space for disk base-0.*lacks space for disk base-1/,
    );
    await expectRefused(() => addDisk(newDisk(target.id, { allocation: "preallocated" }), admin), "INSUFFICIENT_SPACE", /data4 lacks space/);
    await updateStorageDomain({ storageDomainId: target.id, criticalSpaceGb: 0 }, admin);
  });

  it("a preallocated disk larger than the free space", async () => {
    await expectRefused(() => addDisk(newDisk(domains.data[0].id, { allocation: "preallocated", provisionedSize: 60 * 1024 * GiB }), admin), "INSUFFICIENT_SPACE", /lacks space/);
  });

  it("a locked disk", async () => {
    await db.disk.update({ where: { id: diskIds[2] }, data: { status: "locked", lockJobId: "another-job" } });
    try {
      await expectRefused(() => moveDisks({ moves: [{ diskId: diskIds[2], storageDomainId: domains.data[3].id }] }, admin), "DISK_LOCKED", /base-2 is locked/);
      await expectRefused(() => createSnapshot({ vmId, description: "s" }, admin), "DISK_LOCKED", /locked/);
    } finally {
      await db.disk.update({ where: { id: diskIds[2] }, data: { status: "ok", lockJobId: null } });
    }
  });

  it("a running VM: delete is refused; a move while it saves its state, or of a shareable disk, is refused", async () => {
    await db.vm.update({ where: { id: vmId }, data: { status: "up" } });
    try {
      await expectRefused(() => deleteVm({ vmId }, admin), "VM_NOT_DOWN", /must be down/);
      await db.disk.update({ where: { id: diskIds[0] }, data: { shareable: true } });
      await expectRefused(() => moveDisks({ moves: [{ diskId: diskIds[0], storageDomainId: domains.data[3].id }] }, admin), "CONFLICT", /base-0 is shareable; a shareable disk moves only while every VM using it is down/);
      await db.vm.update({ where: { id: vmId }, data: { status: "saving_state" } });
      await expectRefused(() => moveDisks({ moves: [{ diskId: diskIds[1], storageDomainId: domains.data[3].id }] }, admin), "VM_NOT_DOWN", /VM base is saving state; disks of a running VM move while it is up or paused/);
    } finally {
      await db.vm.update({ where: { id: vmId }, data: { status: "down" } });
      await db.disk.update({ where: { id: diskIds[0] }, data: { shareable: false } });
    }
  });

  it("unknown ids", async () => {
    await expectRefused(() => moveDisks({ moves: [{ diskId: "no-such-disk", storageDomainId: domains.data[3].id }] }, admin), "NOT_FOUND", /no-such-disk doesn't exist/);
    await expectRefused(() => moveDisks({ moves: [{ diskId: diskIds[0], storageDomainId: "no-such-domain" }] }, admin), "NOT_FOUND", /Storage Domain no-such-domain doesn't exist/);
    await expectRefused(() => addDisk({ ...newDisk(domains.data[0].id), vmId: "no-such-vm" }, admin), "NOT_FOUND", /VM no-such-vm doesn't exist/);
    await expectRefused(() => deleteVm({ vmId: "no-such-vm" }, admin), "NOT_FOUND", /doesn't exist/);
  });

  it("invalid sizes and malformed input", async () => {
    for (const provisionedSize of [0, -1, 1.5, 100, 1e20, Number.NaN, "1G"]) {
      await expectRefused(() => addDisk(newDisk(domains.data[0].id, { provisionedSize }) as never, admin), "VALIDATION", /provisionedSize/);
    }
    await expectRefused(() => addVm({ name: "bad name!", disks: [] }, admin), "VALIDATION", /name: Use letters/);
    await expectRefused(() => addVm({ name: "ok", disks: [], surprise: 1 } as never, admin), "VALIDATION", /surprise/);
    await expectRefused(() => addDisk(newDisk(domains.exportDomain.id), admin), "VALIDATION", /export domain/);
    await expectRefused(() => addVm({ name: "base", disks: [] }, admin), "CONFLICT", /already used/);
    await expectRefused(() => moveDisks({ moves: [{ diskId: diskIds[0], storageDomainId: domains.data[0].id }] }, admin), "VALIDATION", /already on the chosen storage domain/);
    await expectRefused(() => moveDisks({ moves: [] }, admin), "VALIDATION", /at least one disk/);
  });

  it("the same move succeeds once nothing stands in its way", async () => {
    await finished(moveDisks({ moves: [{ diskId: diskIds[0], storageDomainId: domains.data[3].id }] }, admin));
    expect((await db.volume.findFirstOrThrow({ where: { diskId: diskIds[0] } })).storageDomainId).toBe(domains.data[3].id);
  });
});
