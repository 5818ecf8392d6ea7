import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addDisk } from "@/lib/disks/add-disk";
import { attachDisk, detachDisk } from "@/lib/disks/attach-disk";
import { copyDisk } from "@/lib/disks/copy-disk";
import { diskDeviceId } from "@/lib/runtime/qemu-command";
import { startVm } from "@/lib/vms/runtime/start-vm";
import { suspendVm } from "@/lib/vms/runtime/suspend-vm";
import { admin, createDomains, finished, GiB, leafOf, MiB, readsPattern } from "@/tests/support/fixtures";
import { expectRefusal, guestWrite, killAllQemus, newSmallVm, qmpOf, runState } from "@/tests/support/runtime-fixtures";

// Disks plugged into and out of a running QEMU (a guest without an OS: SCSI devices come and go
// at once; a virtio-blk device leaves only when a guest OS lets it go, so its unplug is refused).

let domains: Awaited<ReturnType<typeof createDomains>>;
beforeAll(async () => {
  domains = await createDomains(3);
});
afterAll(async () => {
  await killAllQemus();
});

/** Device id → the file QEMU reads and writes for it. */
async function devices(vmId: string) {
  const blocks = await (await qmpOf(vmId)).execute<{ qdev?: string; inserted?: { file: string } }[]>("query-block");
  return new Map(blocks.flatMap((b) => (b.inserted && b.qdev ? [[b.qdev.startsWith("/machine/peripheral/") ? b.qdev.split("/")[3] : b.qdev, b.inserted.file] as const] : [])));
}


describe("disks of a running VM", () => {
  let vmId: string;
  beforeAll(async () => {
    ({ vmId } = await newSmallVm("plug1", [{ domain: domains.data[0] }]));
    await startVm({ vmId }, admin);
  });

  it("a new disk on another domain is plugged in (virtio-scsi and virtio-blk), and the guest writes to it", async () => {
    const scsi = await finished(addDisk({ alias: "hot-scsi", provisionedSize: GiB, storageDomainId: domains.data[1].id, vmId, interface: "virtio_scsi" }, admin));
    const blk = await finished(addDisk({ alias: "hot-blk", provisionedSize: GiB, storageDomainId: domains.data[2].id, vmId, interface: "virtio" }, admin));
    const plugged = await devices(vmId);
    for (const [diskId, domain] of [[scsi.diskId, domains.data[1]], [blk.diskId, domains.data[2]]] as const) {
      const leaf = await leafOf(diskId);
      expect(leaf.domain.id).toBe(domain.id);
      expect(plugged.get(diskDeviceId(diskId))).toBe(leaf.path);
      await guestWrite(vmId, diskId, 0x6c, 0, MiB);
      expect(readsPattern(leaf.path, 0x6c, 0, MiB)).toBe(true);
    }
    expect(await runState(vmId)).toBe("running");
    const attachments = await db.diskAttachment.findMany({ where: { vmId }, orderBy: { diskId: "asc" } });
    expect(attachments.filter((a) => a.active)).toHaveLength(3);
  });

  it("a floating disk is attached active (plugged in), detached (unplugged; the file stays), and attached again", async () => {
    const { diskId } = await finished(addDisk({ alias: "floating", provisionedSize: GiB, storageDomainId: domains.data[1].id }, admin));
    const leaf = await leafOf(diskId);
    const attachment = await attachDisk({ vmId, diskId, interface: "virtio_scsi" }, admin);
    expect(attachment).toMatchObject({ vmId, diskId, active: true, interface: "virtio_scsi" });
    expect((await devices(vmId)).get(diskDeviceId(diskId))).toBe(leaf.path);
    await guestWrite(vmId, diskId, 0x7d, 0, MiB);
    // Only a move follows a running guest (it mirrors); a copy would read a changing image.
    const disks = await db.disk.count();
    await expectRefusal(copyDisk({ diskId, storageDomainId: domains.data[2].id }, admin), "CONFLICT", /Disk floating is plugged into VM plug1, which is up/);
    expect(await db.disk.count()).toBe(disks);

    await detachDisk({ vmId, diskId }, admin);
    expect((await devices(vmId)).has(diskDeviceId(diskId))).toBe(false);
    const names = (await (await qmpOf(vmId)).execute<{ file: string }[]>("query-named-block-nodes")).map((n) => n.file);
    expect(names).not.toContain(leaf.path); // QEMU let go of the file
    expect(await db.diskAttachment.count({ where: { diskId } })).toBe(0);
    expect(await db.disk.findUniqueOrThrow({ where: { id: diskId } })).toMatchObject({ status: "ok", lockJobId: null });
    expect(readsPattern(leaf.path, 0x7d, 0, MiB)).toBe(true);

    const copy = await finished(copyDisk({ diskId, storageDomainId: domains.data[2].id }, admin));
    expect(readsPattern((await leafOf(copy.diskId)).path, 0x7d, 0, MiB)).toBe(true);

    await attachDisk({ vmId, diskId, interface: "virtio_scsi" }, admin);
    expect((await devices(vmId)).get(diskDeviceId(diskId))).toBe(leaf.path);
  });

  it("a virtio-blk disk the guest does not release stays attached and plugged in; SATA is refused", async () => {
    const { diskId } = await finished(addDisk({ alias: "stuck-blk", provisionedSize: GiB, storageDomainId: domains.data[1].id, vmId, interface: "virtio" }, admin));
    await expectRefusal(detachDisk({ vmId, diskId }, admin), "RUNTIME_FAILURE", /did not release disk device.*guest OS/);
    expect(await db.diskAttachment.count({ where: { diskId, vmId, active: true } })).toBe(1);
    expect(await db.disk.findUniqueOrThrow({ where: { id: diskId } })).toMatchObject({ status: "ok", lockJobId: null });
    const { diskId: floating } = await finished(addDisk({ alias: "sata-float", provisionedSize: GiB, storageDomainId: domains.data[1].id }, admin));
    await expectRefusal(attachDisk({ vmId, diskId: floating, interface: "sata" }, admin), "CONFLICT", /SATA disk cannot be plugged/);
    expect(await db.diskAttachment.count({ where: { diskId: floating } })).toBe(0);
  });

  it("a suspended VM takes no new active disk (its saved state fixes its devices)", async () => {
    const { vmId: other } = await newSmallVm("plug2", [{ domain: domains.data[0] }]);
    await startVm({ vmId: other }, admin);
    await finished(suspendVm({ vmId: other }, admin));
    await expectRefusal(addDisk({ alias: "late", provisionedSize: GiB, storageDomainId: domains.data[1].id, vmId: other }, admin), "VM_NOT_DOWN", /suspended; disks are plugged in or out while it is up, paused or down/);
    expect(await db.disk.count({ where: { alias: "late" } })).toBe(0);
  });
});
