import { execFileSync } from "node:child_process";
import { readdirSync, renameSync } from "node:fs";
import path from "node:path";
import { testDir } from "./fixtures";

// What happens to real storage, done for real to a test domain's loop-mounted filesystem.

type Domain = { id: string; name: string; path: string };

/** The export goes away the way a lost NFS mount does: the bare directory underneath stays. */
export function unmount(domain: Domain) {
  execFileSync("umount", ["-l", domain.path]);
}

export function remount(domain: Domain, options: string[] = []) {
  execFileSync("mount", ["-o", ["loop", ...options].join(","), path.join(testDir(), "loop", `${domain.name}.img`), domain.path]);
}

export function remountReadOnly(domain: Domain, readOnly: boolean) {
  execFileSync("mount", ["-o", `remount,${readOnly ? "ro" : "rw"}`, domain.path]);
}

/** Renames the domain's <uuid> folder away (and back), keeping the mount point. */
export function renameAway(domain: Domain, away: boolean) {
  const root = path.join(domain.path, domain.id);
  if (away) renameSync(root, `${root}.away`);
  else renameSync(`${root}.away`, root);
}

/** Everything under a directory, relative to it (what an unmounted domain's mount point holds). */
export function listTree(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}
