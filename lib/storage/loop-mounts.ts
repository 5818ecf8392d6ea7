import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, open, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { isMountPoint, readMounts } from "./mounts";
import { stopViewDaemonsUnder } from "./view-daemons";

// Storage domains on filesystems of their own for the demo and the tests: an ext4 image file
// loop-mounted on the domain's path, so each domain has its own size, fills up for real and can
// really be unmounted. Needs root and loop devices; elsewhere domains fall back to directories.
// (No "server-only" here: the test and cleanup scripts use it too.)

const run = promisify(execFile);
const SBIN = { ...process.env, PATH: `${process.env.PATH ?? ""}:/usr/sbin:/sbin` };

/** Why loop mounts cannot be used here, or null when they can. */
export function loopMountsUnavailable(): string | null {
  if (process.getuid?.() !== 0) return "the portal does not run as root";
  if (!existsSync("/dev/loop-control")) return "this machine has no loop devices (/dev/loop-control)";
  if (!["/usr/sbin/mkfs.ext4", "/sbin/mkfs.ext4"].some(existsSync)) return "mkfs.ext4 is missing (Debian package e2fsprogs)";
  return null;
}

// No online discard: freed blocks then wait for their discard before ext4 hands them out again,
// and a domain filled to the last MiB refuses writes its free space says fit. Whoever copies a lot
// onto these images (the benchmarks) trims them instead (trimFilesystem).
async function mountImage(image: string, mountDir: string) {
  await run("mount", ["-o", "loop", image, mountDir], { env: SBIN });
  await writeThroughToImage(mountDir);
}

/**
 * Lets the loop device write straight to its image file (O_DIRECT), as a disk would, instead of
 * through a second page cache: measured here, 1 GiB written and flushed took 2.8-3.5 s through
 * the buffered loop device and 0.7-1.0 s with direct I/O. Where the image's filesystem refuses
 * O_DIRECT (tmpfs), the device stays buffered.
 */
async function writeThroughToImage(mountDir: string) {
  const device = (await readMounts()).find((m) => m.mountPoint === path.resolve(mountDir))?.source;
  if (device?.startsWith("/dev/loop")) await run("losetup", ["--direct-io=on", device], { env: SBIN }).catch(() => undefined);
}

/** Gives a loop-mounted domain's free blocks back to the host disk (the image file stays sparse). */
export async function trimFilesystem(mountDir: string) {
  await run("fstrim", [mountDir], { env: SBIN }).catch(() => undefined);
}

/** Makes a sparse `sizeBytes` ext4 image and mounts it on `mountDir` (created if missing). */
export async function createLoopFilesystem(image: string, mountDir: string, sizeBytes: number) {
  await mkdir(path.dirname(image), { recursive: true });
  const handle = await open(image, "w");
  await handle.truncate(sizeBytes);
  await handle.close();
  // No reserved blocks: free and available space are the same figure for the portal.
  await run("mkfs.ext4", ["-q", "-F", "-m", "0", "-E", "lazy_itable_init=1,lazy_journal_init=1", image], { env: SBIN });
  await mkdir(mountDir, { recursive: true });
  await mountImage(image, mountDir);
}

/** Mounts the image again unless it is mounted (after a reboot). */
export async function ensureLoopMounted(image: string, mountDir: string) {
  await mkdir(mountDir, { recursive: true });
  if (!(await isMountPoint(mountDir))) await mountImage(image, mountDir);
}

/** Unmounts every mount under `dir` (deepest first) and detaches loop devices left on images under it. */
export async function unmountAllUnder(dir: string) {
  const root = path.resolve(dir);
  await stopViewDaemonsUnder(root); // before their mounts go: a daemon whose mount is taken away spins
  const inside = (p: string) => p === root || p.startsWith(`${root}/`);
  const mounts = (await readMounts()).filter((m) => inside(m.mountPoint)).sort((a, b) => b.mountPoint.length - a.mountPoint.length);
  for (const mount of mounts) {
    await run("umount", [mount.mountPoint], { env: SBIN }).catch(() => run("umount", ["-l", mount.mountPoint], { env: SBIN }).catch(() => undefined));
  }
  for (const loop of await readdir("/sys/block").catch(() => [] as string[])) {
    if (!loop.startsWith("loop")) continue;
    const backing = (await readFile(`/sys/block/${loop}/loop/backing_file`, "utf8").catch(() => "")).trim().replace(/ \(deleted\)$/, "");
    if (backing && inside(backing)) await run("losetup", ["-d", `/dev/${loop}`], { env: SBIN }).catch(() => undefined);
  }
  return mounts.length;
}

let fallbackLogged = false;

/**
 * The directory for a new storage domain `name` under `baseDir`/domains: its own loop-mounted
 * filesystem of `sizeGiB` where possible (image in `baseDir`/loop), otherwise a plain directory,
 * said once in the log.
 */
export async function makeDomainFilesystem(baseDir: string, name: string, sizeGiB: number, useLoop = true) {
  const mountDir = path.join(baseDir, "domains", name);
  const why = useLoop ? loopMountsUnavailable() : "loop mounts are turned off";
  if (!why) {
    await createLoopFilesystem(path.join(baseDir, "loop", `${name}.img`), mountDir, sizeGiB * 1024 ** 3);
    return { path: mountDir, storageType: "posixfs" as const };
  }
  if (!fallbackLogged) console.log(`storage domains are plain directories on one filesystem: ${why}`);
  fallbackLogged = true;
  await mkdir(mountDir, { recursive: true });
  return { path: mountDir, storageType: "localfs" as const };
}

/** Mounts every `baseDir`/loop image on its domain directory again. */
export async function remountDomainFilesystems(baseDir: string) {
  if (loopMountsUnavailable()) return 0;
  const images = (await readdir(path.join(baseDir, "loop")).catch(() => [] as string[])).filter((f) => f.endsWith(".img"));
  for (const image of images) await ensureLoopMounted(path.join(baseDir, "loop", image), path.join(baseDir, "domains", image.slice(0, -4)));
  return images.length;
}
