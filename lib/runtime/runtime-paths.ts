import "server-only";
import { createHash } from "node:crypto";
import os from "node:os";
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

/** "<root>/<36-character VM id>/qmp.sock" must fit in MAX_SOCKET_PATH. */
const LONGEST_ROOT = MAX_SOCKET_PATH - "/00000000-0000-0000-0000-000000000000/qmp.sock".length;

/**
 * VM_RUNTIME_DIR when set; else $DATA_DIR/run, unless that is too deep for a socket path (a deep
 * checkout in CI), then a directory in the system's temporary space named after DATA_DIR — the
 * usual home of runtime files anyway (VDSM uses /run).
 */
export function runtimeRoot() {
  if (env.VM_RUNTIME_DIR) return path.resolve(env.VM_RUNTIME_DIR);
  const underData = path.resolve(env.DATA_DIR, "run");
  if (underData.length <= LONGEST_ROOT) return underData;
  return path.join(os.tmpdir(), `multistore-run-${createHash("sha256").update(underData).digest("hex").slice(0, 12)}`);
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
