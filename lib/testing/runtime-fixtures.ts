import { readdirSync, readFileSync } from "node:fs";
import { db } from "@/lib/db";
import { runtimeFiles, runtimeRoot } from "@/lib/runtime/runtime-paths";
import { isQemuAlive } from "@/lib/runtime/qemu-process";
import { releaseConnections, vmConnection } from "@/lib/vms/runtime/vm-connections";

// Helpers of the tests that run real QEMU processes.

/** The portal's QMP connection to a running VM, as the domain functions use it. */
export async function qmpOf(vmId: string) {
  return vmConnection(await db.vm.findUniqueOrThrow({ where: { id: vmId } }));
}

export async function waitForVmStatus(vmId: string, status: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const vm = await db.vm.findUniqueOrThrow({ where: { id: vmId } });
    if (vm.status === status) return vm;
    if (Date.now() > deadline) throw new Error(`VM ${vm.name} is ${vm.status}, not ${status}, after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every QEMU this test file's runtime directory knows of (pid files), alive or not. */
export function qemuPids() {
  const pids: { vmId: string; pid: number; qmpSocket: string }[] = [];
  for (const vmId of (() => {
    try {
      return readdirSync(runtimeRoot());
    } catch {
      return [];
    }
  })()) {
    const files = runtimeFiles(vmId);
    try {
      pids.push({ vmId, pid: Number(readFileSync(files.pidFile, "utf8").trim()), qmpSocket: files.qmpSocket });
    } catch {
      // no pid file: nothing runs there
    }
  }
  return pids;
}

export async function liveQemus() {
  const alive = [];
  for (const p of qemuPids()) if (await isQemuAlive(p.pid, p.qmpSocket)) alive.push(p);
  return alive;
}

/** afterAll: no test leaves a QEMU behind, whatever failed. */
export async function killAllQemus() {
  releaseConnections();
  const known = await db.vm.findMany({ where: { runtimePid: { not: null } }, select: { runtimePid: true, qmpSocket: true } });
  for (const { pid, qmpSocket } of [...qemuPids(), ...known.map((v) => ({ pid: v.runtimePid!, qmpSocket: v.qmpSocket! }))]) {
    if (await isQemuAlive(pid, qmpSocket)) process.kill(pid, "SIGKILL");
  }
}
