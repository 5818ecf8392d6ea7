import "server-only";
import { readdir, rename, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { domainRoot, metaPath, VOLUME_FILE_SUFFIXES, volumePath, type DomainLocation } from "./layout";
import { verifyDomainOfFile } from "./domain-identity";
import { mkdirIn } from "./driver";

// Volumes a committed job replaced (a moved disk's source, a deleted disk) are not deleted on
// the job's critical path. Like VDSM's _remove_me_ images, they are renamed into the domain's
// trash (O(1)) and freed later, once the job's new volumes and the database are on stable
// storage. Until then a crash loses nothing: start-up recovery puts back any trashed volume
// the database still points at, and frees the rest.

const SEPARATOR = "__";

export interface TrashEntry {
  dir: string;
  name: string;
}

function trashDirOf(volumeFile: string) {
  // <root>/images/<disk>/<volume> → <root>/trash
  return path.join(path.dirname(path.dirname(path.dirname(volumeFile))), "trash");
}

export function trashDir(domain: DomainLocation) {
  return path.join(domainRoot(domain), "trash");
}

/** The name a volume file has in its domain's trash. */
export function trashNameOf(volumeFile: string) {
  return `${path.basename(path.dirname(volumeFile))}${SEPARATOR}${path.basename(volumeFile)}`;
}

export async function moveToTrash(volumeFile: string): Promise<TrashEntry> {
  await verifyDomainOfFile(volumeFile);
  const dir = trashDirOf(volumeFile);
  await mkdirIn(dir);
  const name = trashNameOf(volumeFile);
  for (const suffix of VOLUME_FILE_SUFFIXES) {
    await rename(`${volumeFile}${suffix}`, path.join(dir, `${name}${suffix}`)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT" && error.code !== "ENOTDIR") throw error;
    });
  }
  await rmdir(path.dirname(volumeFile)).catch(() => undefined);
  return { dir, name };
}

/**
 * Undoes moveToTrash (a commit that failed after the files were moved aside). Returns the
 * volumes it could not put back (they stay in the trash, where start-up recovery restores them).
 */
export async function restoreFromTrash(entries: TrashEntry[]) {
  const failed: string[] = [];
  for (const { dir, name } of entries) {
    const { diskId, volumeId } = trashEntryIds(name);
    const target = path.join(path.dirname(dir), "images", diskId, volumeId);
    try {
      await mkdirIn(path.dirname(target));
      await rename(path.join(dir, name), target);
    } catch (error) {
      failed.push(`${target}: ${(error as Error).message}`);
      continue;
    }
    // The image is back; a missing .meta or .lease is only a side file.
    for (const suffix of [".meta", ".lease"]) await rename(path.join(dir, `${name}${suffix}`), `${target}${suffix}`).catch(() => undefined);
  }
  return failed;
}

export async function emptyTrash(entries: TrashEntry[]) {
  for (const { dir, name } of entries) {
    for (const suffix of VOLUME_FILE_SUFFIXES) await rm(path.join(dir, `${name}${suffix}`), { force: true });
  }
}

/** What becomes of a trashed volume: put back, freed, or left to the job that is removing it. */
export type TrashVerdict = "restore" | "free" | "leave";

/** A trash name's disk and volume ids. */
export function trashEntryIds(name: string) {
  const [diskId, volumeId] = name.split(SEPARATOR);
  return { diskId, volumeId };
}

/**
 * Start-up and recovery: restores trashed volumes the database still owns (a commit lost in a
 * crash), frees the rest. `judge` is asked only after the trash was listed, so a job that trashed
 * a volume just before is seen running, not taken for a lost commit. With `only` (trash names),
 * just those: a job taken over while other instances run theirs.
 */
export async function settleTrash(domain: DomainLocation, judge: (names: string[]) => Promise<(name: string) => TrashVerdict>, only?: Set<string>) {
  const dir = trashDir(domain);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.includes(SEPARATOR) && !n.includes(".") && (!only || only.has(n)));
  const verdictOf = await judge(names);
  const restored: string[] = [];
  const left: string[] = [];
  for (const name of names) {
    const verdict = verdictOf(name);
    if (verdict === "leave") {
      left.push(name);
    } else if (verdict === "restore") {
      const { diskId, volumeId } = trashEntryIds(name);
      const target = volumePath(domain, diskId, volumeId);
      await mkdirIn(path.dirname(target));
      await rename(path.join(dir, name), target);
      await rename(path.join(dir, `${name}.meta`), metaPath(target)).catch(() => undefined);
      restored.push(target);
    } else {
      await emptyTrash([{ dir, name }]);
    }
  }
  if (only) return restored;
  // Anything else in the trash (stray .meta files) goes too.
  const kept = [...restored.map((r) => path.basename(r)), ...left];
  for (const leftover of await readdir(dir).catch(() => [] as string[])) {
    if (!kept.some((k) => leftover.startsWith(k))) await rm(path.join(dir, leftover), { force: true, recursive: true });
  }
  return restored;
}
