import "server-only";
import { mkdir, readFile, rm } from "node:fs/promises";
import { QmpClient } from "./qmp-client";
import { qemuArgs, type LaunchSpec } from "./qemu-command";
import { chooseAccel, isQemuAlive, killQemu, qemuLogTail, spawnQemu } from "./qemu-process";
import { runtimeFiles, type RuntimeFiles } from "./runtime-paths";

export interface LaunchedQemu {
  pid: number;
  client: QmpClient;
  files: RuntimeFiles;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** QEMU failed to come up; `detail` is what it said, for the user. */
export class QemuStartError extends Error {
  constructor(readonly detail: string) {
    super(`QEMU failed to start: ${detail}`);
    this.name = "QemuStartError";
  }
}

/**
 * Starts a VM's QEMU paused (-S) and connects to its QMP socket. The caller records `pid`
 * (it is in the pid file already) and decides when the guest runs. On any failure the process
 * is killed and the error carries QEMU's own message.
 */
export async function launchQemu(spec: LaunchSpec, options: { incomingFile?: string; onSpawned?: (pid: number, files: RuntimeFiles) => Promise<void> } = {}): Promise<LaunchedQemu> {
  const files = runtimeFiles(spec.vmId);
  await mkdir(files.dir, { recursive: true });
  // One QEMU per VM: never take the control files of one still running (e.g. a hibernated VM's,
  // in the moment between the commit and its stop).
  const previous = Number((await readFile(files.pidFile, "utf8").catch(() => "")).trim());
  if (previous && (await isQemuAlive(previous, files.qmpSocket))) throw new QemuStartError(`a QEMU process of this VM (pid ${previous}) is still running`);
  await rm(files.qmpSocket, { force: true });
  await rm(files.pidFile, { force: true });
  await rm(files.log, { force: true }); // so the tail read on failure is this run's
  const accel = await chooseAccel();
  const pid = await spawnQemu(qemuArgs(spec, files, { accel, incomingFile: options.incomingFile }), files.log);
  try {
    await options.onSpawned?.(pid, files);
    const client = await connectWhenReady(pid, files);
    return { pid, client, files };
  } catch (error) {
    await killQemu(pid, files.qmpSocket).catch(() => undefined);
    if (error instanceof QemuStartError) throw error;
    throw new QemuStartError((await qemuLogTail(files.log)) || (error as Error).message);
  }
}

async function connectWhenReady(pid: number, files: RuntimeFiles, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!(await isQemuAlive(pid, files.qmpSocket))) {
      throw new QemuStartError((await qemuLogTail(files.log)) || "the process exited");
    }
    const client = await QmpClient.connect(files.qmpSocket, 2_000).catch(() => null);
    if (client) return client;
    if (Date.now() > deadline) throw new QemuStartError(`no QMP socket after ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}
