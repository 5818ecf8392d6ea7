import { execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { expect } from "vitest";
import { db } from "@/lib/db";
import { addVm } from "@/lib/vms/add-vm";
import { admin, finished, GiB, writePattern } from "./fixtures";
import { diskDeviceId } from "@/lib/runtime/qemu-command";
import { runtimeFiles, runtimeRoot } from "@/lib/runtime/runtime-paths";
import { isQemuAlive } from "@/lib/runtime/qemu-process";
import { releaseConnections, vmConnection } from "@/lib/vms/runtime/vm-connections";

// Helpers of the tests that run real QEMU processes.

/** A 128 MiB VM (no OS: SeaBIOS idles) with one 1 GiB disk per entry, each on the given domain. */
export async function newSmallVm(name: string, placements: { domain: { id: string }; iface?: "virtio" | "virtio_scsi" | "sata"; format?: "qcow2" | "raw" }[]) {
  const disks = placements.map((p, i) => ({
    alias: `${name}-d${i}`,
    provisionedSize: GiB,
    storageDomainId: p.domain.id,
    interface: p.iface ?? "virtio",
    format: p.format ?? "qcow2",
    bootable: i === 0,
  }));
  return finished(addVm({ name, memoryMb: 128, disks }, admin));
}

export async function expectRefusal(promise: Promise<unknown>, code: string, message: RegExp) {
  await expect(promise).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
}

/** QEMU's run state of the VM ("running", "paused", "postmigrate"…). */
export async function runState(vmId: string) {
  return (await (await qmpOf(vmId)).execute<{ status: string }>("query-status")).status;
}

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

/**
 * A guest write on a running VM's drive (QEMU's qemu-io, so no guest OS is needed), flushed as a
 * guest's fsync would be; done on `expected` too when given (a raw image of what the disk must hold).
 */
export async function guestWrite(vmId: string, diskId: string, pattern: number, offset: number, length: number, expected?: string) {
  const qmp = await qmpOf(vmId);
  // virtio-blk's drive hangs off its backend device: address it by the qdev path QEMU reports.
  const blocks = await qmp.execute<{ qdev?: string }[]>("query-block");
  const qdev = blocks.map((b) => b.qdev ?? "").find((q) => q === diskDeviceId(diskId) || q.includes(`/${diskDeviceId(diskId)}/`));
  for (const command of [`write -P ${pattern} ${offset} ${length}`, "flush"]) {
    const said = await qmp.execute<string>("human-monitor-command", { "command-line": `qemu-io -d ${qdev} "${command}"` });
    expect(said).not.toMatch(/error|fail/i);
  }
  if (expected) writePattern(expected, "raw", pattern, offset, length);
}

/** `qemu-img compare` of an image (through its chain) with the expected raw image. */
export function sameImage(file: string, expected: string) {
  try {
    execFileSync("qemu-img", ["compare", "-U", file, expected]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs a helper script as another portal process that takes the running VMs over (QEMU serves
 * one QMP client), waits for it to print "READY <jobId>" at the stage it was asked for, and kills
 * it with SIGKILL, its whole process group (qemu-img too; QEMU was started here and lives on).
 */
export async function killPortalAt(script: string, args: string[], env: Record<string, string> = {}) {
  releaseConnections();
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], {
    env: { ...process.env, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    return await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding("utf8").on("data", (line: string) => {
        const match = line.match(/READY (\S+)/);
        if (match) resolve(match[1]);
        else if (line.startsWith("ENDED")) reject(new Error(`the job ended before the stage: ${line}`));
      });
      child.on("exit", (code) => reject(new Error(`child exited early (${code})`)));
      setTimeout(() => reject(new Error(`${script} ${args[0]} did not get there in 40 s`)), 40_000);
    });
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL"); // also when it never got there
    await exited;
  }
}
