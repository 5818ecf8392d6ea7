import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { deleteVm } from "@/lib/vms/delete-vm";
import { moveDisks } from "@/lib/disks/move-disks";
import { deleteDisk } from "@/lib/disks/delete-disk";
import { setStorageDomainStatus } from "@/lib/storage-domains/manage-storage-domains";
import { waitForJob } from "@/lib/jobs/run-job";
import { waitForQemuExit, isQemuAlive } from "@/lib/runtime/qemu-process";
import { readVolumeMeta } from "@/lib/storage/volume-meta";
import { startVm } from "@/lib/vms/runtime/start-vm";
import { powerOffVm } from "@/lib/vms/runtime/power-off-vm";
import { suspendVm } from "@/lib/vms/runtime/suspend-vm";
import { resumeVm } from "@/lib/vms/runtime/resume-vm";
import { admin, createDomains, filesOn, leafOf, MiB } from "@/tests/support/fixtures";
import { expectRefusal, guestWrite, killAllQemus, liveQemus, newSmallVm, runState } from "@/tests/support/runtime-fixtures";

// Hibernate (memory to a memory volume on a storage domain) and resume, with real QEMU.

let domains: Awaited<ReturnType<typeof createDomains>>;
beforeAll(async () => {
  domains = await createDomains(4);
});
afterAll(async () => {
  await killAllQemus();
});

describe("hibernate and resume", () => {
  it("saves the memory on the domain holding most of the VM's disks, stops QEMU; resume restores it and removes it", async () => {
    // Two disks on data2, one on data3: the policy picks data2 although data1 and data4 hold no disk of it.
    const { vmId, diskIds } = await newSmallVm("hib1", [{ domain: domains.data[1] }, { domain: domains.data[1] }, { domain: domains.data[2] }]);
    const { runtimePid: pid, qmpSocket } = await startVm({ vmId }, admin);
    const written = await leafOf(diskIds[0]);
    await guestWrite(vmId, diskIds[0], 0x31, 0, 8 * MiB);

    let started = Date.now();
    const { job, memoryDiskId, storageDomainId } = await suspendVm({ vmId }, admin);
    expect((await db.vm.findUniqueOrThrow({ where: { id: vmId } })).status).toBe("saving_state");
    const saved = await waitForJob(job.id);
    console.log(`[measure] hibernate (128 MiB guest): ${Date.now() - started} ms`);
    expect(saved.error).toBeNull();
    expect(storageDomainId).toBe(domains.data[1].id);
    // What the guest wrote before it was saved shows in its disk's actual size.
    const { actualSize } = await db.volume.findUniqueOrThrow({ where: { id: written.volume.id } });
    expect(actualSize).toBe(BigInt(statSync(written.path).blocks * 512));
    expect(actualSize - written.volume.actualSize).toBeGreaterThanOrEqual(BigInt(8 * MiB));

    const vm = await db.vm.findUniqueOrThrow({ where: { id: vmId } });
    expect(vm).toMatchObject({ status: "suspended", memoryDiskId, runtimePid: null, lockJobId: null });
    expect(await waitForQemuExit(pid!, qmpSocket!, 5_000)).toBe(true); // stopping QEMU may finish just after the call
    const memoryDisk = await db.disk.findUniqueOrThrow({ where: { id: memoryDiskId }, include: { volumes: true } });
    expect(memoryDisk).toMatchObject({ contentType: "memory_dump", status: "ok", alias: "hib1_hibernation_memory" });
    expect(memoryDisk.volumes.map((v) => v.storageDomainId)).toEqual([domains.data[1].id]);
    const memoryFile = (await leafOf(memoryDiskId)).path;
    expect(memoryFile.startsWith(domains.data[1].path)).toBe(true);
    expect((await readVolumeMeta(memoryFile)).legality).toBe("LEGAL");
    const size = statSync(memoryFile).size;
    console.log(`[measure] memory volume of an idle 128 MiB guest: ${size} bytes`);
    expect(size).toBeGreaterThan(100_000);
    expect(readFileSync(memoryFile).subarray(0, 4).toString("hex")).toBe("5145564d"); // "QEVM": QEMU's migration stream
    const steps = await db.jobStep.findMany({ where: { jobId: job.id }, orderBy: { position: "asc" } });
    expect(steps.map((s) => [s.name, s.status])).toEqual([
      ["Pause VM hib1", "finished"],
      ["Save the memory of VM hib1 to data2", "finished"],
    ]);

    // While suspended, its disks and its memory stay where they are.
    await expectRefusal(moveDisks({ moves: [{ diskId: diskIds[2], storageDomainId: domains.data[3].id }] }, admin), "VM_NOT_DOWN", /suspended VM hib1/);
    await expectRefusal(moveDisks({ moves: [{ diskId: memoryDiskId, storageDomainId: domains.data[3].id }] }, admin), "CONFLICT", /saved memory of a hibernated VM/);
    await expectRefusal(deleteDisk({ diskId: memoryDiskId }, admin), "CONFLICT", /saved memory of suspended VM hib1/);
    await expectRefusal(setStorageDomainStatus({ storageDomainId: domains.data[2].id, status: "maintenance" }, admin), "CONFLICT", /hib1 \(suspended\)/);
    await expectRefusal(deleteVm({ vmId }, admin), "VM_NOT_DOWN", /suspended; it must be down/);

    started = Date.now();
    const resumed = await waitForJob((await resumeVm({ vmId }, admin)).job.id);
    console.log(`[measure] resume (128 MiB guest): ${Date.now() - started} ms`);
    expect(resumed.error).toBeNull();
    const up = await db.vm.findUniqueOrThrow({ where: { id: vmId } });
    expect(up).toMatchObject({ status: "up", memoryDiskId: null, lockJobId: null });
    expect(await isQemuAlive(up.runtimePid, up.qmpSocket)).toBe(true);
    expect(await runState(vmId)).toBe("running");
    expect(await db.disk.count({ where: { id: memoryDiskId } })).toBe(0);
    expect(existsSync(memoryFile)).toBe(false);
    expect(filesOn(domains.data[1]).some((f) => f.includes(memoryDiskId))).toBe(false);

    await powerOffVm({ vmId }, admin);
    expect(await waitForQemuExit(up.runtimePid!, up.qmpSocket!, 5_000)).toBe(true);
  });

  it("saves to the domain the caller picks; without room anywhere the policy refuses", async () => {
    const { vmId } = await newSmallVm("hib2", [{ domain: domains.data[0] }]);
    await startVm({ vmId }, admin);
    const { job, storageDomainId, memoryDiskId } = await suspendVm({ vmId, storageDomainId: domains.data[3].id }, admin);
    expect((await waitForJob(job.id)).status).toBe("finished");
    expect(storageDomainId).toBe(domains.data[3].id);
    expect(filesOn(domains.data[3]).some((f) => f.includes(memoryDiskId))).toBe(true);
    // Run on a suspended VM resumes it.
    expect((await startVm({ vmId }, admin)).status).toBe("up");
    expect(filesOn(domains.data[3]).some((f) => f.includes(memoryDiskId))).toBe(false);

    await db.storageDomain.updateMany({ data: { criticalSpaceGb: 1_000_000 } });
    try {
      await expectRefusal(suspendVm({ vmId }, admin), "INSUFFICIENT_SPACE", /No active data Storage Domain with enough storage/);
      await expectRefusal(suspendVm({ vmId, storageDomainId: domains.data[0].id }, admin), "INSUFFICIENT_SPACE", /data1 lacks space for the memory volume/);
    } finally {
      await db.storageDomain.updateMany({ data: { criticalSpaceGb: 0 } });
    }
    expect(await runState(vmId)).toBe("running");
    await powerOffVm({ vmId }, admin);
  });

  it("a save that fails is rolled back: the VM runs on and no memory volume is left", async () => {
    const { vmId } = await newSmallVm("hib3", [{ domain: domains.data[0] }]);
    await startVm({ vmId }, admin);
    // A file where the domain's images directory should be: the memory volume cannot be made.
    const target = domains.data[2];
    const images = path.join(target.path, target.id, "images");
    renameSync(images, `${images}.aside`);
    writeFileSync(images, "not a directory");
    try {
      const { job, memoryDiskId } = await suspendVm({ vmId, storageDomainId: target.id }, admin);
      const ended = await waitForJob(job.id);
      expect(ended.status).toBe("failed");
      expect(ended.error).toMatch(/ENOTDIR|not a directory/i);
      expect(await db.disk.count({ where: { id: memoryDiskId } })).toBe(0);
      expect(await db.vm.findUniqueOrThrow({ where: { id: vmId } })).toMatchObject({ status: "up", lockJobId: null, memoryDiskId: null });
      expect(await runState(vmId)).toBe("running");
    } finally {
      rmSync(images);
      renameSync(`${images}.aside`, images);
    }
    await powerOffVm({ vmId }, admin);
  });

  it("a restore that fails leaves the VM suspended with its memory volume; power off discards it", async () => {
    const { vmId } = await newSmallVm("hib4", [{ domain: domains.data[0] }]);
    await startVm({ vmId }, admin);
    const { job, memoryDiskId } = await suspendVm({ vmId }, admin);
    await waitForJob(job.id);
    const memoryFile = (await leafOf(memoryDiskId)).path;
    truncateSync(memoryFile, 500_000); // a damaged state: QEMU refuses to load it

    const failed = await waitForJob((await resumeVm({ vmId }, admin)).job.id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/QEMU (failed to start|could not restore the saved state): .*load of migration failed/);
    expect(await db.vm.findUniqueOrThrow({ where: { id: vmId } })).toMatchObject({ status: "suspended", memoryDiskId, runtimePid: null, lockJobId: null });
    expect(statSync(memoryFile).size).toBe(500_000);
    expect((await db.disk.findUniqueOrThrow({ where: { id: memoryDiskId } })).status).toBe("ok");
    expect((await liveQemus()).some((q) => q.vmId === vmId)).toBe(false);
    await expectRefusal(startVm({ vmId }, admin), "RUNTIME_FAILURE", /load of migration failed.*It stays suspended/);

    const down = await powerOffVm({ vmId }, admin);
    expect(down).toMatchObject({ status: "down", memoryDiskId: null });
    expect(await db.disk.count({ where: { id: memoryDiskId } })).toBe(0);
    expect(existsSync(memoryFile)).toBe(false);
  });
});
