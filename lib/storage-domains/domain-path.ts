import "server-only";
import { readdir, stat } from "node:fs/promises";
import { AppError } from "@/lib/errors";
import { isMountPoint } from "@/lib/storage/mounts";

// What a path must be before a domain is laid out on it or imported from it: an existing
// directory, the mount point of its own filesystem for nfs and posixfs, and (for a new domain)
// empty, as oVirt requires.

export async function requireUsablePath(dir: string, storageType: string, options: { empty: boolean }) {
  const refuse = (why: string) => new AppError("VALIDATION", `Cannot use ${dir}: ${why}.`, { path: why });
  const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    throw refuse(error.code === "ENOENT" ? "it does not exist (mount the storage there first)" : `${error.code ?? error.message}`);
  });
  if (!info.isDirectory()) throw refuse("it is not a directory");
  if (storageType !== "localfs" && !(await isMountPoint(dir))) throw refuse(`it is not a mount point; a ${storageType} domain lives on a filesystem of its own (or choose localfs)`);
  const entries = (await readdir(dir)).filter((name) => name !== "lost+found");
  if (options.empty && entries.length) throw refuse(`it is not empty (${entries.slice(0, 3).join(", ")}${entries.length > 3 ? ", …" : ""}); import an existing domain instead`);
  return entries;
}
