import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { addVmFromTemplate } from "@/lib/vms/add-vm-from-template";
import { addTemplateFromVm } from "@/lib/templates/add-template-from-vm";
import { volumePath } from "@/lib/storage/layout";
import { deleteVm } from "@/lib/vms/delete-vm";
import { addDisk } from "@/lib/disks/add-disk";
import { deleteDisk } from "@/lib/disks/delete-disk";
import { createSnapshot } from "@/lib/snapshots/create-snapshot";
import { setStorageDomainStatus } from "@/lib/storage-domains/manage-storage-domains";
import { waitForJob } from "@/lib/jobs/run-job";
import { runMonitorCycle } from "@/lib/storage-domains/monitor";
import { isQemuAlive, waitForQemuExit } from "@/lib/runtime/qemu-process";
import { diskDeviceId, volumeNodeName } from "@/lib/runtime/qemu-command";
import { startVm } from "@/lib/vms/runtime/start-vm";
import { shutdownVm } from "@/lib/vms/runtime/shutdown-vm";
import { powerOffVm } from "@/lib/vms/runtime/power-off-vm";
import { suspendVm } from "@/lib/vms/runtime/suspend-vm";
import { resumeVm } from "@/lib/vms/runtime/resume-vm";
import { screenshotVm } from "@/lib/vms/runtime/screenshot-vm";
import { admin, createDomains, finished, GiB, leafOf, MiB, qemuInfo } from "@/tests/support/fixtures";
import { expectRefusal, guestWrite, killAllQemus, liveQemus, newSmallVm, qmpOf, runState, waitForVmStatus } from "@/tests/support/runtime-fixtures";

// Real QEMU processes (128 MiB guests with no OS: SeaBIOS finds nothing to boot and idles).

let domains: Awaited<ReturnType<typeof createDomains>>;
beforeAll(async () => {
  domains = await createDomains(4);
});
afterAll(async () => {
  await killAllQemus();
});

interface NamedNode {
  "node-name": string;
  drv: string;
  file: string;
}

describe("running a VM", () => {
  let vmId: string;
  let diskIds: string[];

  it("starts one QEMU whose disks are opened from their own domains' directories", async () => {
    ({ vmId, diskIds } = await newSmallVm("run1", [
      { domain: domains.data[0], iface: "virtio" },
      { domain: domains.data[1], iface: "virtio_scsi" },
      { domain: domains.data[2], iface: "sata", format: "raw" },
    ]));
    const started = Date.now();
    const vm = await startVm({ vmId }, admin);
    console.log(`[measure] start VM with 3 disks: ${Date.now() - started} ms`);
    expect(vm.status).toBe("up");
    expect(await isQemuAlive(vm.runtimePid, vm.qmpSocket)).toBe(true);
    if (!process.env.VM_ACCEL) {
      const cmdline = readFileSync(`/proc/${vm.runtimePid}/cmdline`, "utf8").split("\0");
      expect(cmdline).toContain(`q35,accel=${existsSync("/dev/kvm") ? "kvm:tcg" : "tcg"}`);
    }

    const qmp = await qmpOf(vmId);
    const fileNodes = (await qmp.execute<NamedNode[]>("query-named-block-nodes")).filter((n) => n.drv === "file").map((n) => n.file);
    const blocks = await qmp.execute<{ inserted?: { file: string } }[]>("query-block");
    for (const [i, diskId] of diskIds.entries()) {
      const leaf = await leafOf(diskId);
      expect(leaf.domain.id).toBe(domains.data[i].id);
      expect(leaf.path.startsWith(path.join(domains.data[i].path, domains.data[i].id, "images"))).toBe(true);
      expect(fileNodes).toContain(leaf.path);
      expect(blocks.map((b) => b.inserted?.file)).toContain(leaf.path);
    }
    expect(blocks.filter((b) => b.inserted)).toHaveLength(3);
    expect(await runState(vmId)).toBe("running");
    expect(await db.event.count({ where: { objectId: vmId, action: "start_vm" } })).toBe(1);
  });

  it("shows its console as a PNG", async () => {
    const { png, contentType } = await screenshotVm({ vmId }, admin);
    expect(contentType).toBe("image/png");
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(png.readUInt32BE(16)).toBeGreaterThan(0); // IHDR width
  });

  it("refuses a second start, maintenance, deletion, and plugging in a SATA disk while it runs", async () => {
    await expectRefusal(startVm({ vmId }, admin), "VM_NOT_DOWN", /VM run1 is up; only a down or suspended VM can be run/);
    await expectRefusal(setStorageDomainStatus({ storageDomainId: domains.data[1].id, status: "maintenance" }, admin), "CONFLICT", /VM\(s\) using it are not down: run1 \(up\)/);
    await expectRefusal(deleteVm({ vmId }, admin), "VM_NOT_DOWN", /must be down/);
    await expectRefusal(deleteDisk({ diskId: diskIds[0] }, admin), "VM_NOT_DOWN", /active on VM run1, which is up/);
    await expectRefusal(addDisk({ alias: "hot", provisionedSize: GiB, storageDomainId: domains.data[0].id, vmId, interface: "sata" }, admin), "CONFLICT", /A SATA disk cannot be plugged in or out while VM run1 runs/);
    expect(await db.disk.count({ where: { alias: "hot" } })).toBe(0);
    expect((await db.storageDomain.findUniqueOrThrow({ where: { id: domains.data[1].id } })).status).toBe("active");
  });

  it("takes a consistent live snapshot: each disk switches to an overlay on its own domain, the guest runs on", async () => {
    const before = await Promise.all(diskIds.map(leafOf));
    const { snapshotId, job } = await createSnapshot({ vmId, description: "live" }, admin);
    const ended = await waitForJob(job.id);
    expect(ended.error).toBeNull();
    expect(ended.status).toBe("finished");
    const steps = await db.jobStep.findMany({ where: { jobId: job.id }, orderBy: { position: "asc" } });
    expect(steps.at(-1)!.name).toMatch(/Switch the disks of running VM run1/);

    const qmp = await qmpOf(vmId);
    const blocks = await qmp.execute<{ qdev: string; inserted?: { "node-name": string; backing_file?: string } }[]>("query-block");
    const nodes = await qmp.execute<NamedNode[]>("query-named-block-nodes");
    for (const [i, diskId] of diskIds.entries()) {
      const leaf = await leafOf(diskId);
      expect(leaf.volume.id).not.toBe(before[i].volume.id);
      expect(leaf.domain.id).toBe(domains.data[i].id);
      expect((await db.volume.findUniqueOrThrow({ where: { id: before[i].volume.id } })).snapshotId).toBe(snapshotId);
      // The device now writes to the overlay's node, whose file is the new leaf, over the old one.
      const device = blocks.find((b) => b.qdev.includes(diskDeviceId(diskId)));
      expect(device?.inserted?.["node-name"]).toBe(volumeNodeName(leaf.volume.id));
      expect(device?.inserted?.backing_file).toBe(before[i].path);
      expect(nodes.find((n) => n["node-name"] === volumeNodeName(leaf.volume.id, "file"))?.file).toBe(leaf.path);
      // The overlay keeps a relative backing reference, like every volume qemu-img makes here.
      expect(qemuInfo(leaf.path)["backing-filename"]).toBe(path.relative(path.dirname(leaf.path), before[i].path));
    }
    expect(await runState(vmId)).toBe("running");
    expect((await db.vm.findUniqueOrThrow({ where: { id: vmId } })).lockJobId).toBeNull();
  });

  it("shutdown presses ACPI; a guest without an OS ignores it and is powered off after the timeout", async () => {
    const pid = (await db.vm.findUniqueOrThrow({ where: { id: vmId } })).runtimePid!;
    const vm = await shutdownVm({ vmId, timeoutSeconds: 1 }, admin);
    expect(vm.status).toBe("powering_down");
    const down = await waitForVmStatus(vmId, "down");
    expect(down.runtimePid).toBeNull();
    expect(await waitForQemuExit(pid!, vm.qmpSocket!, 5_000)).toBe(true); // stopping QEMU may finish just after the call
    const event = await db.event.findFirstOrThrow({ where: { objectId: vmId, action: "vm_down" }, orderBy: { id: "desc" } });
    expect(event.message).toMatch(/did not shut down within 1 s of the ACPI request; it was powered off/);
  });
});

describe("VMs thin on one template", () => {
  it("run side by side, each reading through to the template's volume on its own domain", async () => {
    const source = await newSmallVm("tplsrc", [{ domain: domains.data[0] }, { domain: domains.data[1] }]);
    const template = await finished(addTemplateFromVm({ name: "tpl-rt", vmId: source.vmId, disks: source.diskIds.map((diskId, i) => ({ diskId, storageDomainId: domains.data[i].id })) }, admin));
    const thin = [];
    for (const name of ["thin-a", "thin-b"]) {
      thin.push(await finished(addVmFromTemplate({ name, templateId: template.templateId, disks: template.diskIds.map((templateDiskId, i) => ({ templateDiskId, storageDomainId: domains.data[i].id, mode: "thin" })) }, admin)));
    }
    for (const { vmId } of thin) expect((await startVm({ vmId }, admin)).status).toBe("up");
    for (const { vmId } of thin) {
      // QEMU opened the template volume itself (read-only, shared by both VMs) from each overlay's header.
      const opened = (await (await qmpOf(vmId)).execute<(NamedNode & { ro: boolean })[]>("query-named-block-nodes")).filter((n) => n.drv === "file");
      for (const [i, templateDiskId] of template.diskIds.entries()) {
        const base = await db.volume.findFirstOrThrow({ where: { diskId: templateDiskId, storageDomainId: domains.data[i].id }, include: { storageDomain: true } });
        // (QEMU joins the relative reference to the overlay's directory: ".../<vm disk>/../<template disk>/<volume>".)
        expect(opened.find((n) => path.resolve(n.file) === volumePath(base.storageDomain, templateDiskId, base.id))).toMatchObject({ ro: true });
      }
      expect(await runState(vmId)).toBe("running");
    }
    for (const { vmId } of thin) await powerOffVm({ vmId }, admin);
  });
});

describe("refusing to start", () => {
  it("names every disk that stands in the way and starts nothing", async () => {
    const { vmId, diskIds } = await newSmallVm("blocked", [{ domain: domains.data[0] }, { domain: domains.data[3] }]);
    await setStorageDomainStatus({ storageDomainId: domains.data[3].id, status: "maintenance" }, admin);
    await db.disk.update({ where: { id: diskIds[0] }, data: { status: "illegal" } });
    try {
      const error = await startVm({ vmId }, admin).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Cannot run VM\. Disk blocked-d0 is illegal\. Disk blocked-d1 is on storage domain data4, which is in maintenance\./) });
      expect(Object.keys((error as { fieldErrors: object }).fieldErrors)).toHaveLength(2);
      expect((await db.vm.findUniqueOrThrow({ where: { id: vmId } })).status).toBe("down");
      expect((await liveQemus()).some((q) => q.vmId === vmId)).toBe(false);
      await db.disk.update({ where: { id: diskIds[0] }, data: { status: "locked", lockJobId: "another-job" } });
      await expectRefusal(startVm({ vmId }, admin), "DISK_LOCKED", /blocked-d0 is locked/);
    } finally {
      await db.disk.update({ where: { id: diskIds[0] }, data: { status: "ok", lockJobId: null } });
      await setStorageDomainStatus({ storageDomainId: domains.data[3].id, status: "active" }, admin);
    }
    await expectRefusal(suspendVm({ vmId }, admin), "VM_NOT_RUNNING", /blocked is down; only a running VM can be hibernated/);
    await expectRefusal(shutdownVm({ vmId }, admin), "VM_NOT_RUNNING", /blocked is down/);
    await expectRefusal(screenshotVm({ vmId }, admin), "VM_NOT_RUNNING", /blocked is down/);
    await expectRefusal(resumeVm({ vmId }, admin), "CONFLICT", /only a suspended VM can be resumed/);
  });
});

describe("a QEMU that dies", () => {
  it("killed with SIGKILL: the VM goes down at once, with an event", async () => {
    const { vmId } = await newSmallVm("kill1", [{ domain: domains.data[0] }]);
    const vm = await startVm({ vmId }, admin);
    process.kill(vm.runtimePid!, "SIGKILL");
    const down = await waitForVmStatus(vmId, "down", 10_000);
    expect(down).toMatchObject({ runtimePid: null, qmpSocket: null });
    const event = await db.event.findFirstOrThrow({ where: { objectId: vmId, action: "vm_down" } });
    expect(event).toMatchObject({ severity: "error", message: expect.stringMatching(/kill1 is down: its QEMU process \(pid \d+\) exited unexpectedly/) });
    // And it can run again.
    expect((await startVm({ vmId }, admin)).status).toBe("up");
    await powerOffVm({ vmId }, admin);
  });
});

describe("what a guest wrote", () => {
  it("shows in its disks' actual sizes while the VM runs, after a round of the domain monitor", async () => {
    const { vmId, diskIds } = await newSmallVm("watched", [{ domain: domains.data[0] }, { domain: domains.data[1] }]);
    const before = await Promise.all(diskIds.map(leafOf));
    await startVm({ vmId }, admin);
    await guestWrite(vmId, diskIds[0], 0x31, 0, 8 * MiB);
    await guestWrite(vmId, diskIds[1], 0x32, 16 * MiB, 24 * MiB);
    await runMonitorCycle();
    expect((await db.vm.findUniqueOrThrow({ where: { id: vmId } })).status).toBe("up");
    for (const [i, grew] of [[0, 8 * MiB], [1, 24 * MiB]] as const) {
      const { actualSize } = await db.volume.findUniqueOrThrow({ where: { id: before[i].volume.id } });
      expect(actualSize).toBe(BigInt(statSync(before[i].path).blocks * 512));
      expect(actualSize - before[i].volume.actualSize).toBeGreaterThanOrEqual(BigInt(grew));
    }
    await powerOffVm({ vmId }, admin);
  });

  it("shows in its disks' actual sizes once the VM is down, on each disk's own domain, in a volume a live snapshot froze too", async () => {
    const { vmId, diskIds } = await newSmallVm("writer", [{ domain: domains.data[0] }, { domain: domains.data[1] }]);
    const before = await Promise.all(diskIds.map(leafOf));
    await startVm({ vmId }, admin);
    await guestWrite(vmId, diskIds[0], 0x21, 0, 8 * MiB);
    await guestWrite(vmId, diskIds[1], 0x22, 16 * MiB, 24 * MiB);
    // While it runs, the recorded size is the one the last job saw.
    expect((await db.volume.findUniqueOrThrow({ where: { id: before[0].volume.id } })).actualSize).toBe(before[0].volume.actualSize);
    // A live snapshot freezes disk 0's volume with what the guest wrote in it; the guest goes on in an overlay.
    await finished(createSnapshot({ vmId, description: "mid-run" }, admin));
    await guestWrite(vmId, diskIds[0], 0x23, 32 * MiB, 4 * MiB);
    await powerOffVm({ vmId }, admin);
    const overlay = await leafOf(diskIds[0]);
    expect(overlay.volume.id).not.toBe(before[0].volume.id);
    expect(overlay.volume.actualSize).toBe(BigInt(statSync(overlay.path).blocks * 512));
    expect(overlay.volume.actualSize).toBeGreaterThanOrEqual(BigInt(4 * MiB));
    for (const [i, grew] of [[0, 8 * MiB], [1, 24 * MiB]] as const) {
      const { actualSize } = await db.volume.findUniqueOrThrow({ where: { id: before[i].volume.id } });
      expect(actualSize).toBe(BigInt(statSync(before[i].path).blocks * 512));
      expect(actualSize - before[i].volume.actualSize).toBeGreaterThanOrEqual(BigInt(grew));
    }
  });
});
