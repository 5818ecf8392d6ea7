import "server-only";
import { spawn } from "node:child_process";
import { constants, openSync, closeSync } from "node:fs";
import { access, readdir, readFile } from "node:fs/promises";
import { env } from "@/lib/env";
import type { Accel } from "./qemu-command";

// QEMU processes as the operating system sees them. A VM's QEMU is detached into its own
// session so it outlives the portal (a restart must not stop the VMs); it is a plain child, not
// -daemonize, because QEMU's migration to a file fails once daemonized.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function chooseAccel(): Promise<Accel> {
  if (env.VM_ACCEL !== "auto") return env.VM_ACCEL;
  const kvm = await access("/dev/kvm", constants.R_OK | constants.W_OK).then(() => true, () => false);
  // kvm:tcg lets QEMU fall back to emulation when the device exists but KVM cannot start.
  return kvm ? "kvm:tcg" : "tcg";
}

/** Starts QEMU with its output appended to `logFile`; resolves with its pid once it runs. */
export function spawnQemu(args: string[], logFile: string): Promise<number> {
  const log = openSync(logFile, "a");
  try {
    const child = spawn(env.QEMU_SYSTEM, args, { detached: true, stdio: ["ignore", log, log] });
    child.unref();
    return new Promise((resolve, reject) => {
      child.once("error", (error) => reject(new Error(`cannot run ${env.QEMU_SYSTEM}: ${error.message}`)));
      child.once("spawn", () => resolve(child.pid!));
    });
  } finally {
    closeSync(log);
  }
}

/**
 * True while `pid` is a live process whose command line contains `marker` (the VM's QMP socket
 * path), so a recycled pid is never taken for the VM. A zombie counts as gone — where the init
 * process does not reap orphans, a killed QEMU stays a zombie forever — but only once all its
 * threads are: the main thread turns zombie first, and the others still hold the image files.
 */
export async function isQemuAlive(pid: number | null | undefined, marker: string | null | undefined) {
  if (!pid || !marker) return false;
  try {
    if (await isZombie(pid)) {
      const threads = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
      return threads.some((tid) => tid !== String(pid));
    }
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8");
    return cmdline.includes(marker);
  } catch {
    return false;
  }
}

async function isZombie(pid: number) {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  return state === "Z" || state === "X";
}

/** Waits until the process is gone; false if it still runs after `timeoutMs`. */
export async function waitForQemuExit(pid: number, marker: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (await isQemuAlive(pid, marker)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

export async function killQemu(pid: number, marker: string) {
  if (!(await isQemuAlive(pid, marker))) return;
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // gone meanwhile
  }
  if (!(await waitForQemuExit(pid, marker, 10_000))) throw new Error(`QEMU process ${pid} survived SIGKILL`);
}

/** The last lines QEMU wrote, for error messages ("Could not open '…': Permission denied"). */
export async function qemuLogTail(logFile: string, lines = 3) {
  const text = await readFile(logFile, "utf8").catch(() => "");
  return text
    .trim()
    .split("\n")
    .slice(-lines)
    .map((line) => line.replace(/^\S+ qemu-system-\S+: /, "").replace(/^qemu-system-\S+: /, ""))
    .join(" ")
    .trim();
}
