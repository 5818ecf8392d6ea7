import "server-only";
import { mkdir, open, readdir, rm, rmdir, stat, statfs, writeFile, rename } from "node:fs/promises";
import path from "node:path";
import { commitImage, convertImage, createImage, imageInfo, rebaseImage, type Backing, type ImageFormat } from "./qemu-img";
import { domainRoot, imagesDir, metaPath, relativeTo, type DomainLocation } from "./layout";
import { markLegal, writeVolumeMeta, type VolumeMeta } from "./volume-meta";
import { readImageHeader } from "./image-header";

// The storage driver: every change to files on a storage domain goes through here.
// Each function is idempotent so a retried or recovered job can run it again.

export type { Backing, ImageFormat };
export { imageInfo };

export interface NewVolume {
  path: string;
  format: ImageFormat;
  preallocated: boolean;
  backing?: Backing;
  meta: Omit<VolumeMeta, "legality" | "generation" | "format">;
}

async function prepareTarget(volume: NewVolume) {
  await removeVolume(volume.path);
  await mkdir(path.dirname(volume.path), { recursive: true });
  await writeVolumeMeta(volume.path, { ...volume.meta, format: volume.format, legality: "ILLEGAL", generation: 0 });
}

function backingOption(volume: NewVolume) {
  return volume.backing && { relativePath: relativeTo(volume.path, volume.backing.path), format: volume.backing.format };
}

export async function createVolume(volume: NewVolume) {
  await prepareTarget(volume);
  await createImage({
    file: volume.path,
    format: volume.format,
    sizeBytes: volume.meta.sizeBytes,
    preallocated: volume.preallocated,
    backing: backingOption(volume),
  });
  await markLegal(volume.path);
}

export async function copyVolume(
  source: { path: string; format: ImageFormat },
  target: NewVolume,
  onProgress?: (percent: number) => void,
) {
  await prepareTarget(target);
  await convertImage({
    source: source.path,
    sourceFormat: source.format,
    target: target.path,
    targetFormat: target.format,
    preallocated: target.preallocated,
    backing: backingOption(target),
    onProgress,
  });
  await verifyCopy(target);
  await markLegal(target.path);
}

/** A cheap check before the copy may count as complete: the file is the image we meant to make. */
async function verifyCopy(target: NewVolume) {
  const info = await readImageHeader(target.path);
  if (info.format !== target.format || info.virtualSize < target.meta.sizeBytes) {
    throw new Error(`copy of ${target.path} is not valid: ${info.format}, ${info.virtualSize} bytes; expected ${target.format}, ${target.meta.sizeBytes} bytes`);
  }
}

/**
 * A volume whose bytes another program writes (QEMU's memory state, streamed through `cat`):
 * ILLEGAL until `write` returned and the data is on stable storage, as for a copy.
 */
export async function writeStreamVolume(volume: Omit<NewVolume, "preallocated" | "backing">, write: (file: string) => Promise<void>) {
  await prepareTarget({ ...volume, preallocated: false });
  await write(volume.path);
  await flushFiles([volume.path]);
  await markLegal(volume.path);
}

/** Merges an overlay's data down into its backing volume (undo of a live snapshot after QEMU died). */
export async function commitVolumeIntoBacking(file: string) {
  if (!(await stat(file).catch(() => null))) return;
  await commitImage(file, "qcow2");
}

export async function rebaseVolume(file: string, backing: Backing | null, copyData: boolean) {
  await rebaseImage(file, backing && { relativePath: relativeTo(file, backing.path), format: backing.format }, copyData);
}

/** Removes a volume and its metadata; the image directory goes too once it is empty. */
export async function removeVolume(file: string) {
  for (const part of [file, metaPath(file), `${file}.lease`]) await removeIfPresent(part);
  await rmdir(path.dirname(file)).catch(() => undefined);
}

async function removeIfPresent(file: string) {
  // ENOTDIR: a path under a file cannot exist, so there is nothing to remove.
  await rm(file, { force: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOTDIR") throw error;
  });
}

export async function writeFileAtomic(file: string, content: string) {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  await writeFile(temp, content);
  await rename(temp, file);
}

export async function removeFile(file: string) {
  await rm(file, { force: true });
  await rmdir(path.dirname(file)).catch(() => undefined);
}

export async function initDomainDirectory(domain: DomainLocation & { name: string; type: string }) {
  await mkdir(imagesDir(domain), { recursive: true });
  if (domain.type === "export") {
    await mkdir(path.join(domainRoot(domain), "master", "vms"), { recursive: true });
    await mkdir(path.join(domainRoot(domain), "master", "templates"), { recursive: true });
  }
  await writeFileAtomic(
    path.join(domainRoot(domain), "dom_md", "metadata"),
    [`SDUUID=${domain.id}`, `DESCRIPTION=${domain.name}`, `CLASS=${domain.type === "data" ? "Data" : domain.type}`, "VERSION=5", ""].join("\n"),
  );
}

/** Waits until the files' data is on stable storage (a copy made with qemu-img's default cache is not). */
export async function flushFiles(files: string[]) {
  for (const file of files) {
    const handle = await open(file, "r").catch(() => null);
    if (!handle) continue;
    await handle.sync();
    await handle.close();
  }
}

/** Bytes a volume takes on its domain: its allocated blocks, the figure qemu-img reports as actual size. */
export async function allocatedBytes(file: string) {
  return (await stat(file)).blocks * 512;
}

export async function domainSpace(domain: DomainLocation) {
  const stats = await statfs(domain.path);
  return { totalBytes: stats.blocks * stats.bsize, freeBytes: stats.bavail * stats.bsize };
}

/** Every volume file present on a domain, for the orphan sweep. */
export async function listVolumeFiles(domain: DomainLocation) {
  const found: { diskId: string; volumeId: string; path: string }[] = [];
  const root = imagesDir(domain);
  const images = await readdir(root).catch(() => [] as string[]);
  for (const diskId of images) {
    const files = await readdir(path.join(root, diskId)).catch(() => [] as string[]);
    for (const file of files) {
      if (file.endsWith(".meta") || file.endsWith(".lease") || file.endsWith(".tmp")) continue;
      found.push({ diskId, volumeId: file, path: path.join(root, diskId, file) });
    }
  }
  return found;
}
