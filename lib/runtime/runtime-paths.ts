import "server-only";
import path from "node:path";
import { env } from "@/lib/env";

// Each VM's QEMU keeps its control files in its own directory under VM_RUNTIME_DIR (VDSM keeps
// them under /run/vdsm). The pid file there is how start-up recovery finds a QEMU that outlived
// the portal, even one whose pid never reached the database.

/** sockaddr_un holds 108 bytes with the terminating NUL. */
const MAX_SOCKET_PATH = 107;

export interface RuntimeFiles {
  dir: string;
  qmpSocket: string;
  pidFile: string;
  log: string;
}

export function runtimeRoot() {
  return path.resolve(env.VM_RUNTIME_DIR);
}

export function runtimeFiles(vmId: string): RuntimeFiles {
  // The id becomes a directory name and part of QEMU's option strings ("unix:PATH,server=on").
  if (!/^[A-Za-z0-9-]+$/.test(vmId)) throw new Error(`VM id ${vmId} cannot name a runtime directory`);
  const dir = path.join(runtimeRoot(), vmId);
  const files = { dir, qmpSocket: path.join(dir, "qmp.sock"), pidFile: path.join(dir, "qemu.pid"), log: path.join(dir, "qemu.log") };
  if (files.qmpSocket.length > MAX_SOCKET_PATH || files.qmpSocket.includes(",")) {
    throw new Error(`QMP socket path ${files.qmpSocket} is unusable (over ${MAX_SOCKET_PATH} characters or has a comma); set VM_RUNTIME_DIR to a short directory`);
  }
  return files;
}
