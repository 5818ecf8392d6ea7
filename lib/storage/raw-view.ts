import "server-only";
import { execFile, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { mkdir, open, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { env } from "@/lib/env";
import { isQemuAlive, waitForQemuExit } from "@/lib/runtime/qemu-process";
import { runtimeRoot } from "@/lib/runtime/runtime-paths";
import type { ImageFormat } from "./qemu-img";

// A disk image seen as its guest's raw bytes in a plain file: qemu-storage-daemon's FUSE export,
// as imageio serves a qcow2 chain through qemu-nbd. An upload writes straight into the new qcow2
// volume and a download reads a chain as it is, instead of a full raw copy made first and
// converted after (a second pass over every byte). The daemon outlives a killed portal; its pid
// file (under the runtime directory, named after the view) is how the undo finds it again.

const execFileAsync = promisify(execFile);

const pidDir = () => path.join(runtimeRoot(), "raw-views");

/** Also the mark by which a live daemon is known as this view's (its command line names it). */
function pidFile(view: string) {
  return path.join(pidDir(), `${createHash("sha256").update(view).digest("hex").slice(0, 24)}.pid`);
}

/** Names the image behind a view: for whoever makes a writable one's writes durable, or maps a read-only one's data (imageBehindView). */
function imageRecord(pid: string) {
  return pid.replace(/\.pid$/, ".image");
}

export interface RawView {
  /** The image: a volume, read with its backing chain. */
  image: string;
  format: ImageFormat;
  /** false: the image's own data alone, as if it had no backing (a shallow download). */
  withBacking?: boolean;
  /** The plain file (on the image's domain) the guest's bytes appear in. */
  view: string;
  writable: boolean;
}

/**
 * Mounts the view; resolves once it serves (qemu-storage-daemon writes its pid file once its
 * exports are up). Zeros written become holes (detect-zeroes=unmap), so an upload stays sparse.
 * A writable view's flushes stop at the OS (cache.no-flush on its file): qcow2 flushes its file
 * between metadata updates as it allocates, and 1 GiB written through a view and synced took
 * 1.8-2.8 s here with those flushes, 1.1-1.3 s without. Their order only matters for an image
 * left half-written by a crash, and an interrupted upload is discarded whole; whoever needs the
 * data on disk syncs the image file itself (imageBehindView).
 * The daemon is a detached child, not --daemonize: the portal reaps it, where the host's init
 * may not reap orphans.
 */
export async function openRawView({ image, format, view, writable, withBacking = true }: RawView) {
  await closeRawView(view);
  await (await open(view, "w")).close(); // a FUSE export mounts over an existing file
  const pid = pidFile(view);
  await mkdir(path.dirname(pid), { recursive: true });
  const readOnly = writable ? "" : ",read-only=on";
  const args = [
    "--blockdev", `driver=file,node-name=file,filename=${optionValue(image)}${writable ? ",cache.no-flush=on" : readOnly}`,
    "--blockdev", imageNode(format, writable, withBacking),
    "--export", `type=fuse,id=view,node-name=image,mountpoint=${optionValue(view)},writable=${writable ? "on" : "off"}`,
    "--pidfile", pid,
  ];
  try {
    await startDaemon(args, pid);
  } catch (error) {
    await rm(view, { force: true });
    throw new Error(`cannot open ${image} as raw data: ${(error as Error).message}`);
  }
  await writeFile(imageRecord(pid), image);
  await widenReadahead(view);
}

function imageNode(format: ImageFormat, writable: boolean, withBacking: boolean) {
  // A backing cut off is only spelled in JSON (null); the daemon takes both forms. Only reads are served that way.
  if (!withBacking && format === "qcow2") return JSON.stringify({ driver: format, "node-name": "image", file: "file", "read-only": true, backing: null });
  return `driver=${format},node-name=image,file=file${writable ? ",discard=unmap,detect-zeroes=unmap" : ",read-only=on"}`;
}

/**
 * A view is read front to back (a download), and every read the kernel sends is a round trip
 * through the daemon: with a FUSE mount's default 128 KiB readahead, 1 GiB of a qcow2 took
 * 4.7 s to read here; with 8 MiB, 2.5 s. Left at the default where the setting is refused.
 */
async function widenReadahead(view: string) {
  const { dev } = await stat(view);
  const [major, minor] = [(dev >> 8) & 0xfff, (dev & 0xff) | ((dev >> 12) & 0xfff00)];
  await writeFile(`/sys/class/bdi/${major}:${minor}/read_ahead_kb`, "8192").catch(() => undefined);
}

async function startDaemon(args: string[], pid: string) {
  const log = pid.replace(/\.pid$/, ".log");
  const out = openSync(log, "w");
  const child = spawn(env.QEMU_STORAGE_DAEMON, args, { detached: true, stdio: ["ignore", out, out] });
  closeSync(out);
  child.unref();
  let exited: string | null = null;
  child.once("error", (error) => (exited = error.message));
  child.once("exit", () => (exited = "stopped"));
  try {
    for (let waited = 0; !existsSync(pid); waited += 20) {
      if (exited) throw new Error(readFileSync(log, "utf8").trim().replace(/^qemu-storage-daemon: /, "") || `qemu-storage-daemon ${exited}`);
      if (waited > 30_000) throw new Error("qemu-storage-daemon did not start within 30 s");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    child.removeAllListeners("exit");
  }
}

/**
 * Stops serving the view (the daemon flushes the image as it stops); idempotent, and safe after
 * a crash: a daemon left running, or one killed with its mount left behind. The view's file
 * stays, for the storage driver to remove once it has verified the domain.
 */
export async function closeRawView(view: string) {
  await stopDaemon(pidFile(view));
  if (await isMounted(view)) await execFileAsync("umount", [view]);
}

async function stopDaemon(pidPath: string) {
  const pid = Number((await readFile(pidPath, "utf8").catch(() => "")).trim());
  if (pid && (await isQemuAlive(pid, pidPath))) {
    signal(pid, "SIGTERM");
    if (!(await waitForQemuExit(pid, pidPath, 60_000))) {
      signal(pid, "SIGKILL");
      await waitForQemuExit(pid, pidPath, 10_000);
    }
  }
  await rm(pidPath, { force: true });
  await rm(pidPath.replace(/\.pid$/, ".log"), { force: true });
  await rm(imageRecord(pidPath), { force: true });
}

/**
 * The image a view shows, or null for any other file. Syncing a writable view writes out what
 * its daemon holds (qcow2's metadata) into the image file; syncing that file then puts it all on
 * disk. A view's own holes say nothing of its image's: its image's map does.
 */
export async function imageBehindView(file: string) {
  return (await readFile(imageRecord(pidFile(file)), "utf8").catch(() => "")) || null;
}

/** A daemon that exits between the check and the signal is no error (an undo must go on). */
function signal(pid: number, name: NodeJS.Signals) {
  try {
    process.kill(pid, name);
  } catch {
    // gone meanwhile
  }
}

async function isMounted(file: string) {
  const mounts = await readFile("/proc/self/mountinfo", "utf8");
  // mountinfo escapes space, tab, newline and backslash as octal.
  const escaped = file.replace(/[ \t\n\\]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}`);
  return mounts.split("\n").some((line) => line.split(" ")[4] === escaped);
}

/** QEMU's option syntax doubles a comma inside a value. */
function optionValue(value: string) {
  return value.replaceAll(",", ",,");
}
