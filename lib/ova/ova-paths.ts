import "server-only";
import { mkdir, readdir, realpath, stat, statfs } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

// Where OVA files may be written and read. The engine writes to any path on the host; a portal
// that runs as root must not: OVAs go to and come from the folders OVA_DIRS names (default
// $DATA_DIR/ova), and only as files named *.ova.

export const OVF_MEMBER = "vm.ovf";

export function ovaRoots() {
  return (env.OVA_DIRS ?? path.join(env.DATA_DIR, "ova")).split(":").filter(Boolean).map((dir) => path.resolve(dir));
}

async function inside(dir: string) {
  const real = await realpath(dir).catch(() => null);
  if (!real) return null;
  for (const root of ovaRoots()) {
    const realRoot = await realpath(root).catch(() => null);
    if (realRoot && (real === realRoot || real.startsWith(`${realRoot}${path.sep}`))) return real;
  }
  return null;
}

function requireOvaName(filename: string) {
  if (!/^[\w][\w.-]*\.ova$/.test(filename)) throw new AppError("VALIDATION", `Invalid input. filename: an OVA file name ends in .ova and has only letters, digits, '.', '-' and '_' (got ${filename.slice(0, 100)}).`, { filename: "A name such as web-01.ova" });
}

/** The .ova a new export writes: a new file in an allowed folder, with room for `bytes`. */
export async function newOvaPath(directory: string, filename: string, bytes: number) {
  requireOvaName(filename);
  await mkdir(ovaRoots()[0], { recursive: true });
  const dir = await inside(directory);
  if (!dir) throw new AppError("VALIDATION", `Invalid input. directory: OVA files go to ${ovaRoots().join(" or ")} (or a folder in them); ${directory.slice(0, 200)} is not one.`, { directory: `One of ${ovaRoots().join(", ")}` });
  const file = path.join(dir, filename);
  if (await stat(file).catch(() => null)) throw new AppError("CONFLICT", `Cannot export to ${file}: the file exists. Choose another name or remove it.`);
  const space = await statfs(dir);
  if (space.bavail * space.bsize < bytes) throw new AppError("INSUFFICIENT_SPACE", `Cannot export to ${dir}: it has ${Math.floor((space.bavail * space.bsize) / 2 ** 20)} MiB free, the OVA needs about ${Math.ceil(bytes / 2 ** 20)} MiB.`);
  return file;
}

/** An existing .ova to import, in an allowed folder. */
export async function existingOvaPath(file: string) {
  requireOvaName(path.basename(file));
  const dir = await inside(path.dirname(file));
  const real = dir && path.join(dir, path.basename(file));
  if (!real || !(await stat(real).then((s) => s.isFile(), () => false))) {
    throw new AppError("NOT_FOUND", `There is no OVA file ${file.slice(0, 200)} in ${ovaRoots().join(" or ")}.`);
  }
  return real;
}

/** The .ova files in the OVA folders (not their subfolders), newest first: what the import dialog offers. */
export async function listOvaFiles() {
  const files: { path: string; name: string; sizeBytes: number; modifiedAt: string }[] = [];
  for (const root of ovaRoots()) {
    const names = await readdir(root).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith(".ova"))) {
      const info = await stat(path.join(root, name)).catch(() => null);
      if (info?.isFile()) files.push({ path: path.join(root, name), name, sizeBytes: info.size, modifiedAt: info.mtime.toISOString() });
    }
  }
  return files.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
}
