import { readFile, stat } from "node:fs/promises";
import path from "node:path";

// What the kernel says is mounted where (/proc/self/mountinfo), for a domain's filesystem type
// and device, and to tell a mount point from the bare directory an unmounted export leaves.

export interface MountEntry {
  mountPoint: string;
  fsType: string;
  source: string;
}

// mountinfo escapes spaces and the like as \040 octal.
const unescapeField = (field: string) => field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

export async function readMounts(): Promise<MountEntry[]> {
  const text = await readFile("/proc/self/mountinfo", "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [left, right] = line.split(" - ");
      const fields = left.split(" ");
      const [fsType, source] = (right ?? "").split(" ");
      return { mountPoint: unescapeField(fields[4]), fsType, source: unescapeField(source ?? "") };
    });
}

/** The mount that holds `dir` (the longest mount point that is a prefix of it). */
export function mountHolding(mounts: MountEntry[], dir: string) {
  const target = path.resolve(dir);
  let best: MountEntry | undefined;
  for (const mount of mounts) {
    const inside = target === mount.mountPoint || target.startsWith(mount.mountPoint === "/" ? "/" : `${mount.mountPoint}/`);
    if (inside && (!best || mount.mountPoint.length >= best.mountPoint.length)) best = mount;
  }
  return best;
}

/** True when `dir` is itself a mount point: its device differs from its parent's (as mountpoint(1) decides). */
export async function isMountPoint(dir: string) {
  const [self, parent] = await Promise.all([stat(dir), stat(path.join(dir, ".."))]);
  return self.dev !== parent.dev || self.ino === parent.ino;
}

/** The file behind a loop device (/dev/loop3 → its image), for the portal to show. */
export async function loopBackingFile(device: string) {
  const match = /^\/dev\/(loop\d+)$/.exec(device);
  if (!match) return null;
  return (await readFile(`/sys/block/${match[1]}/loop/backing_file`, "utf8").catch(() => "")).trim() || null;
}
