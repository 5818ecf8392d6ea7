import "server-only";
import { rm } from "node:fs/promises";
import { QmpClient } from "@/lib/runtime/qmp-client";
import { isQemuAlive, killQemu, waitForQemuExit } from "@/lib/runtime/qemu-process";
import { runtimeFiles } from "@/lib/runtime/runtime-paths";
import { expectExit, vmConnection } from "./vm-connections";
import type { VmProcessRef } from "./vm-status";

/**
 * Ends a VM's QEMU on purpose: QMP quit (QEMU closes its images cleanly), SIGKILL if it has not
 * gone within `graceMs`. The caller records the outcome; the watchdog stays quiet.
 */
export async function stopQemu(vm: VmProcessRef, graceMs = 5_000) {
  const { runtimePid: pid, qmpSocket } = vm;
  if (pid && qmpSocket && (await isQemuAlive(pid, qmpSocket))) {
    const client = await vmConnection(vm).catch(() => null);
    expectExit(vm.id);
    // A hung QEMU may not answer; the kill below settles it.
    await client?.execute("quit", undefined, 2_000).catch(() => undefined);
    if (!(await waitForQemuExit(pid, qmpSocket, graceMs))) await killQemu(pid, qmpSocket);
  }
  const files = runtimeFiles(vm.id);
  await rm(files.qmpSocket, { force: true });
  await rm(files.pidFile, { force: true });
}

/** Kills a QEMU found with no VM that owns it (start-up recovery). */
export async function killStrayQemu(pid: number, qmpSocket: string) {
  const client = await QmpClient.connect(qmpSocket, 1_000).catch(() => null);
  await client?.execute("quit", undefined, 1_000).catch(() => undefined);
  client?.close();
  if (!(await waitForQemuExit(pid, qmpSocket, 2_000))) await killQemu(pid, qmpSocket);
}
