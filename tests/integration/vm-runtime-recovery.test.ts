import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { db } from "@/lib/db";
import { executeOp, undoOp } from "@/lib/jobs/execute-op";
import type { JobOp } from "@/lib/operations";
import { overlayDiskOp } from "@/lib/disks/volume-ops";
import { isQemuAlive, waitForQemuExit } from "@/lib/runtime/qemu-process";
import { QmpClient } from "@/lib/runtime/qmp-client";
import { diskDeviceId, volumeNodeName } from "@/lib/runtime/qemu-command";
import { volumePath } from "@/lib/storage/layout";
import { readVolumeMeta } from "@/lib/storage/volume-meta";
import { startVm } from "@/lib/vms/runtime/start-vm";
import { powerOffVm } from "@/lib/vms/runtime/power-off-vm";
import { recoverVms } from "@/lib/vms/runtime/recover-vms";
import { releaseConnections } from "@/lib/vms/runtime/vm-connections";
import { admin, createDomains, GiB, leafOf, MiB, readsPattern, writePattern } from "@/tests/support/fixtures";
import { killAllQemus, newSmallVm, qmpOf, runState } from "@/tests/support/runtime-fixtures";

// What survives the portal: QEMU processes outlive it, and what a job did to a running VM is
// undone by the same inverse steps that start-up recovery runs.

let domains: Awaited<ReturnType<typeof createDomains>>;
beforeAll(async () => {
  domains = await createDomains(2);
});
afterAll(async () => {
  await killAllQemus();
});

const newVm = (name: string) => newSmallVm(name, [{ domain: domains.data[0] }]);

const noProgress = () => undefined;

/** A portal in another process that starts the VMs and ends; their QEMUs keep running. */
async function startInAnotherPortal(vmIds: string[]) {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/helpers/start-vms-and-exit.ts", ...vmIds], { env: process.env, stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const code = await new Promise((resolve) => child.on("exit", resolve));
  expect({ code, output: output.trim() }).toEqual({ code: 0, output: "READY" });
}

describe("a portal restart", () => {
  it("finds VMs still running, turns down one whose QEMU vanished, and stops QEMUs nothing counts on", async () => {
    const created = [await newVm("keep"), await newVm("vanish"), await newVm("stray"), await newVm("leftover"), await newVm("paused")];
    await startInAnotherPortal(created.map((c) => c.vmId));
    const [vmA, vmB, vmC, vmD, vmE] = await Promise.all(created.map(({ vmId }) => db.vm.findUniqueOrThrow({ where: { id: vmId } })));
    for (const vm of [vmA, vmB, vmC, vmD, vmE]) expect({ status: vm.status, alive: await isQemuAlive(vm.runtimePid, vm.qmpSocket) }).toEqual({ status: "up", alive: true });

    process.kill(vmB.runtimePid!, "SIGKILL"); // dies while no portal watches
    expect(await waitForQemuExit(vmB.runtimePid!, vmB.qmpSocket!, 5_000)).toBe(true);
    // A start that crashed before recording its pid: the database says down, a QEMU runs.
    await db.vm.update({ where: { id: vmC.id }, data: { status: "down", runtimePid: null, qmpSocket: null } });
    // A hibernation committed just before the crash, its paused QEMU not yet stopped.
    await db.vm.update({ where: { id: vmD.id }, data: { status: "suspended" } });
    // A guest paused behind the portal's back: the status follows QEMU.
    const other = await QmpClient.connect(vmE.qmpSocket!);
    await other.execute("stop");
    other.close();

    const recovered = await recoverVms();
    expect(recovered).toEqual({ running: ["keep", "paused"], wentDown: ["vanish"], leftoversStopped: ["leftover"], strays: [vmC.runtimePid] });
    expect(await db.vm.findUniqueOrThrow({ where: { id: vmA.id } })).toMatchObject({ status: "up", runtimePid: vmA.runtimePid });
    expect(await runState(vmA.id)).toBe("running");
    expect(await db.vm.findUniqueOrThrow({ where: { id: vmE.id } })).toMatchObject({ status: "paused" });
    expect(await db.vm.findUniqueOrThrow({ where: { id: vmD.id } })).toMatchObject({ status: "suspended", runtimePid: null });
    expect(await waitForQemuExit(vmD.runtimePid!, vmD.qmpSocket!, 5_000)).toBe(true);
    expect(await db.vm.findUniqueOrThrow({ where: { id: vmB.id } })).toMatchObject({ status: "down", runtimePid: null });
    const event = await db.event.findFirstOrThrow({ where: { objectId: vmB.id, action: "vm_down" } });
    expect(event.message).toMatch(/vanish is down: its QEMU process \(pid \d+\) ended while the portal was not running/);
    // Stopped, though a process ends on the kernel's schedule: allow it a moment on a loaded machine.
    expect(await waitForQemuExit(vmC.runtimePid!, vmC.qmpSocket!, 5_000)).toBe(true);
    expect(await db.event.count({ where: { objectId: vmC.id, action: "stray_qemu_stopped" } })).toBe(1);

    // Once more, in this process: the connections go as they would with the portal.
    releaseConnections();
    expect((await recoverVms()).running).toEqual(["keep", "paused"]);
    expect(await runState(vmA.id)).toBe("running");
    await powerOffVm({ vmId: vmA.id }, admin);
    await powerOffVm({ vmId: vmE.id }, admin);
  });
});

describe("undoing runtime steps (what rollback and start-up recovery run)", () => {
  it("a hibernation undone after its save completed: the VM continues and the memory file is gone", async () => {
    const { vmId } = await newVm("undo-hib");
    const vm = await startVm({ vmId }, admin);
    const ref = { id: vm.id, name: vm.name, runtimePid: vm.runtimePid, qmpSocket: vm.qmpSocket };
    const [diskId, volumeId] = [randomUUID(), randomUUID()];
    const file = volumePath(domains.data[1], diskId, volumeId);
    const pause: JobOp = { kind: "pause-vm", label: "pause", vm: ref };
    const save: JobOp = {
      kind: "save-memory",
      label: "save",
      vm: ref,
      path: file,
      meta: { diskId, volumeId, domainId: domains.data[1].id, parent: null, sizeBytes: 228 * MiB },
      record: { id: volumeId, diskId, storageDomainId: domains.data[1].id, parentId: null, format: "raw", leaf: true, snapshotId: null },
      weightBytes: 128 * MiB,
    };
    await executeOp(pause, noProgress);
    await executeOp(save, noProgress);
    expect((await readVolumeMeta(file)).legality).toBe("LEGAL");
    expect(await runState(vmId)).toBe("postmigrate");

    await undoOp(save);
    await undoOp(pause);
    expect(existsSync(file)).toBe(false);
    expect(await runState(vmId)).toBe("running");
    await powerOffVm({ vmId }, admin);
  });

  it("a live snapshot undone: the disks go back to their old volumes, with what the guest wrote meanwhile", async () => {
    const { vmId, diskIds } = await newVm("undo-snap");
    const vm = await startVm({ vmId }, admin);
    const ref = { id: vm.id, name: vm.name, runtimePid: vm.runtimePid, qmpSocket: vm.qmpSocket };
    const base = await leafOf(diskIds[0]);
    const overlay = overlayDiskOp(domains.data[0], { id: diskIds[0], alias: "d0", provisionedSize: GiB }, { id: base.volume.id, path: base.path, format: "qcow2" });
    if (overlay.kind !== "create" || !overlay.record) throw new Error("unexpected op");
    const live: JobOp = {
      kind: "live-snapshot",
      label: "switch",
      vm: ref,
      disks: [{ deviceId: diskDeviceId(diskIds[0]), topNode: volumeNodeName(base.volume.id), overlayNode: volumeNodeName(overlay.record.id), overlayFileNode: volumeNodeName(overlay.record.id, "file"), overlayPath: overlay.path }],
    };
    const topNode = async () => {
      const blocks = await (await qmpOf(vmId)).execute<{ qdev: string; inserted?: { "node-name": string } }[]>("query-block");
      return blocks.find((b) => b.qdev.includes(diskDeviceId(diskIds[0])))?.inserted?.["node-name"];
    };

    await executeOp(overlay, noProgress);
    await executeOp(live, noProgress);
    await executeOp(live, noProgress); // idempotent, as a retried step must be
    expect(await topNode()).toBe(volumeNodeName(overlay.record.id));
    await undoOp(live);
    expect(await topNode()).toBe(volumeNodeName(base.volume.id));
    expect(await runState(vmId)).toBe("running");
    await undoOp(overlay);
    expect(existsSync(overlay.path)).toBe(false);

    // Now QEMU dies while on the overlay, after the guest wrote there: undo keeps that data.
    await executeOp(overlay, noProgress);
    await executeOp(live, noProgress);
    process.kill(vm.runtimePid!, "SIGKILL");
    expect(await waitForQemuExit(vm.runtimePid!, vm.qmpSocket!, 5_000)).toBe(true);
    writePattern(overlay.path, "qcow2", 0x5a, 0, MiB);
    await undoOp(live);
    await undoOp(overlay);
    expect(readsPattern(base.path, 0x5a, 0, MiB)).toBe(true);
  });
});
