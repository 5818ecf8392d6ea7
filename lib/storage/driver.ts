import "server-only";
import { execFile } from "node:child_process";
import { failpoint } from "@/lib/failpoints";
import { mkdir, open, readdir, rm, rmdir, stat, statfs, writeFile, rename } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { DOMAIN_FORMAT_VERSION, domainOfFile, formatMetadata, metadataPath, verifyDomainOfFile } from "./domain-identity";
import { storageIoError } from "./storage-io-error";
import { checkImage, commitImage, convertImage, createImage, imageInfo, rebaseImage, resizeImage, type Backing, type ImageFormat } from "./qemu-img";
import { domainRoot, imagesDir, relativeTo, VOLUME_FILE_SUFFIXES, type DomainLocation } from "./layout";
import { markLegal, setMetaParent, writeVolumeMeta, type VolumeMeta } from "./volume-meta";
import { readImageHeader } from "./image-header";
import { rememberSound } from "./sound-images";
import { closeRawView, openRawView } from "./raw-view";
import { guestMap, guestSize } from "./guest-data";
import { copyImageFile } from "./file-copy";

const execFileAsync = promisify(execFile);

// The storage driver: every change to files on a storage domain goes through here.
// Each function is idempotent so a retried or recovered job can run it again.
// Each one first verifies the domains it touches (domain-identity.ts), and no function here
// creates a domain's root or its images/ folder: only initDomainDirectory does, once. A write
// whose domain vanished therefore fails (ENOENT) instead of filling the bare mount point.

export type { Backing, ImageFormat };
export { imageInfo };

export interface NewVolume {
  path: string;
  format: ImageFormat;
  preallocated: boolean;
  backing?: Backing;
  meta: Omit<VolumeMeta, "legality" | "generation" | "format">;
}

// Callers have verified the target's domain.
async function prepareTarget(volume: NewVolume) {
  await removeVolumeFiles(volume.path);
  await mkdirIn(path.dirname(volume.path));
  await writeVolumeMeta(volume.path, { ...volume.meta, format: volume.format, legality: "ILLEGAL", generation: 0 });
}

function backingOption(volume: NewVolume) {
  return volume.backing && { relativePath: relativeTo(volume.path, volume.backing.path), format: volume.backing.format };
}

/** Makes one directory whose parent must already exist (never a domain root or images/). */
export async function mkdirIn(dir: string) {
  await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  });
}

export async function createVolume(volume: NewVolume) {
  await verifyDomainOfFile(volume.path);
  if (volume.backing) await verifyDomainOfFile(volume.backing.path);
  await prepareTarget(volume);
  await createImage({
    file: volume.path,
    format: volume.format,
    sizeBytes: volume.meta.sizeBytes,
    preallocated: volume.preallocated,
    backing: backingOption(volume),
  }).catch((error: Error) => explainFailure(error, [volume.path], volume.meta.domainId));
  await markLegal(volume.path);
  await verifyDomainOfFile(volume.path);
}

/**
 * A qemu-img failure on a domain that has just gone away (unmounted, replaced) is reported as
 * that ("… is not mounted"), not as the bare "No such file or directory" qemu-img saw.
 */
async function explainFailure(error: Error, files: string[], domainId: string): Promise<never> {
  for (const file of files) await verifyDomainOfFile(file);
  throw storageIoError(error, domainId);
}

export async function copyVolume(
  source: { path: string; format: ImageFormat },
  target: NewVolume,
  onProgress?: (percent: number) => void,
  signal?: AbortSignal,
) {
  await verifyDomainOfFile(source.path);
  await verifyDomainOfFile(target.path);
  await prepareTarget(target);
  const copy = (await keepsItsShape(source, target))
    ? copyImageFile({ source: source.path, target: target.path, onProgress, signal })
    : convertImage({
        source: source.path,
        sourceFormat: source.format,
        target: target.path,
        targetFormat: target.format,
        preallocated: target.preallocated,
        backing: backingOption(target),
        onProgress,
        signal,
      });
  await copy.catch((error: Error) => explainFailure(error, [target.path, source.path], target.meta.domainId));
  await failpoint("copy:converted");
  // The domain may have vanished under a running copy (a lazy unmount lets it finish unseen).
  await verifyDomainOfFile(target.path);
  await verifyCopy(target);
  await rememberSound(target.path);
  await markLegal(target.path);
}

/**
 * Whether the source file is already the image the target needs: same format, thin, and the same
 * backing reference (none, or the same relative name and format: a volume of a chain copied next
 * to its copied parent). Its bytes are then copied as they are (file-copy.ts); convert alone can
 * collapse a chain or point a volume at a new parent.
 */
async function keepsItsShape(source: { path: string; format: ImageFormat }, target: NewVolume) {
  if (source.format !== target.format || target.preallocated) return false;
  const header = await readImageHeader(source.path);
  if (header.format !== source.format) return false;
  const wanted = backingOption(target);
  if (!wanted) return header.backingFile === null;
  return header.backingFile === wanted.relativePath && header.backingFormat === wanted.format;
}

/** A cheap check before the copy may count as complete: the file is the image we meant to make. */
async function verifyCopy(target: NewVolume) {
  const info = await readImageHeader(target.path);
  if (info.format !== target.format || info.virtualSize < target.meta.sizeBytes) {
    throw new Error(`copy of ${target.path} is not valid: ${info.format}, ${info.virtualSize} bytes; expected ${target.format}, ${target.meta.sizeBytes} bytes`);
  }
}

/**
 * The file an upload's data lands in, next to the volume it becomes: a sparse raw file of the
 * disk's size for guest data, an empty one for an image file's own bytes. `allocate`: its blocks
 * are reserved now (fallocate, as qemu-img's preallocation=falloc), so guest data for a
 * preallocated raw disk becomes the volume by a rename; where the filesystem cannot allocate,
 * the file stays sparse and is converted at the end.
 */
export async function prepareUploadFile(file: string, sizeBytes: number, allocate = false) {
  await verifyDomainOfFile(file);
  await mkdirIn(path.dirname(file));
  const handle = await open(file, "w");
  try {
    await handle.truncate(sizeBytes);
  } finally {
    await handle.close();
  }
  if (allocate && sizeBytes) {
    await execFileAsync("fallocate", ["--length", String(sizeBytes), file]).catch((error: Error & { stderr?: string }) => {
      if (!/not supported/i.test(error.stderr ?? "")) return explainFailure(error, [file], domainOfFile(file)?.id ?? "");
    });
  }
}

/** Whether every byte of a raw file has its block (a preallocated volume), so it can become one as it is. */
async function fullyAllocated(file: string, sizeBytes: number) {
  const { size, blocks } = await stat(file);
  return size === sizeBytes && blocks * 512 >= size;
}

/**
 * Makes a volume from an uploaded file: refused unless it is a sound image with no backing file
 * (a qcow2 naming one could read any file on the host) and no larger than the disk; converted to
 * the disk's format (zeros stay holes) or renamed when it already is one (for a preallocated raw
 * disk, one whose every block is allocated); grown to the disk's size.
 */
export async function importUploadedImage(
  upload: { path: string; format: ImageFormat | "probe" },
  target: NewVolume,
  onProgress?: (percent: number) => void,
  signal?: AbortSignal,
) {
  await verifyDomainOfFile(upload.path);
  const header = upload.format === "probe" ? await readImageHeader(upload.path) : { format: upload.format, virtualSize: (await stat(upload.path)).size };
  if (header.format === "qcow2") {
    const info = await imageInfo(upload.path);
    if (info.backingFile) throw new Error(`The image refers to a backing file (${info.backingFile}); only standalone images are taken.`);
    const problem = await checkImage(upload.path, "qcow2");
    if (problem) throw new Error(`The image is damaged: ${problem}`);
  }
  if (header.virtualSize > target.meta.sizeBytes) {
    throw new Error(`The image is ${header.virtualSize} bytes, larger than the disk's ${target.meta.sizeBytes} bytes.`);
  }
  await prepareTarget(target);
  const keepsShape = !target.preallocated || (target.format === "raw" && (await fullyAllocated(upload.path, target.meta.sizeBytes)));
  if (header.format === target.format && keepsShape) {
    await rename(upload.path, target.path);
  } else {
    await convertImage({ source: upload.path, sourceFormat: header.format, target: target.path, targetFormat: target.format, preallocated: target.preallocated, onProgress, signal }).catch(
      (error: Error) => explainFailure(error, [target.path, upload.path], target.meta.domainId),
    );
    await rm(upload.path, { force: true });
  }
  if (header.virtualSize < target.meta.sizeBytes) await resizeImage(target.path, target.format, target.meta.sizeBytes);
  await verifyDomainOfFile(target.path);
  await verifyCopy(target);
  await flushFiles([target.path]);
  await rememberSound(target.path);
  await markLegal(target.path);
}

/**
 * An upload of guest data into a new thin qcow2 volume: the volume is made now and the client's
 * bytes go straight into it through a raw view (raw-view.ts), converted as they arrive, instead
 * of landing in a raw file converted at the end.
 */
export async function openVolumeForUpload(target: NewVolume, view: string) {
  await verifyDomainOfFile(target.path);
  await verifyDomainOfFile(view);
  await prepareTarget(target);
  await createImage({ file: target.path, format: target.format, sizeBytes: target.meta.sizeBytes, preallocated: false }).catch((error: Error) =>
    explainFailure(error, [target.path], target.meta.domainId),
  );
  await openRawView({ image: target.path, format: target.format, view, writable: true });
}

/** Ends an upload made through a raw view: the daemon flushes as it stops, then the image is checked and made legal. */
export async function completeVolumeUpload(target: NewVolume, view: string) {
  await removeRawView(view);
  await verifyDomainOfFile(target.path);
  const problem = await checkImage(target.path, target.format);
  if (problem) throw new Error(`The uploaded image is damaged: ${problem}`);
  await verifyCopy(target);
  await flushFiles([target.path]);
  await rememberSound(target.path);
  await markLegal(target.path);
}

/** A volume a download reads: with the chain under it, or (shallow) its own data alone. */
interface DownloadSource {
  path: string;
  format: ImageFormat;
  shallow?: boolean;
}

/**
 * The size of a chain's guest data when a download can read it straight from the chain's files
 * (guest-data.ts); null when it cannot, and is read through a view instead.
 */
export async function guestDataReadable(source: DownloadSource) {
  await verifyDomainOfFile(source.path);
  const map = await guestMap(source.path, source.format, { shallow: source.shallow });
  return map && guestSize(map);
}

/** A volume's guest data with its whole chain (`shallow`: its own alone), served read-only as a raw file for a download (no copy made first). */
export async function openChainForDownload(source: DownloadSource, view: string) {
  await verifyDomainOfFile(source.path);
  await verifyDomainOfFile(view);
  await openRawView({ image: source.path, format: source.format, view, writable: false, withBacking: !source.shallow });
}

/** Stops a raw view and removes its file (after a transfer, or in its undo after a crash). */
export async function removeRawView(view: string) {
  await closeRawView(view);
  await verifyDomainOfFile(view);
  await rm(view, { force: true });
}

/** A disk's data as one file in the transfer's format, for a download that cannot serve the volume itself. */
export async function exportForDownload(source: { path: string; format: ImageFormat }, file: string, format: ImageFormat, onProgress?: (percent: number) => void, signal?: AbortSignal) {
  await verifyDomainOfFile(source.path);
  await verifyDomainOfFile(file);
  await rm(file, { force: true });
  await convertImage({ source: source.path, sourceFormat: source.format, target: file, targetFormat: format, preallocated: false, onProgress, signal }).catch((error: Error) =>
    explainFailure(error, [file, source.path], domainOfFile(file)?.id ?? ""),
  );
}

/**
 * A volume whose bytes another program writes (QEMU's memory state, streamed through `cat`):
 * ILLEGAL until `write` returned and the data is on stable storage, as for a copy.
 */
export async function writeStreamVolume(volume: Omit<NewVolume, "preallocated" | "backing">, write: (file: string) => Promise<void>) {
  await verifyDomainOfFile(volume.path);
  await prepareTarget({ ...volume, preallocated: false });
  await write(volume.path).catch((error: Error) => {
    throw storageIoError(error, volume.meta.domainId);
  });
  await verifyDomainOfFile(volume.path);
  await flushFiles([volume.path]);
  await markLegal(volume.path);
}

/** The mark a merge down into `base` leaves before it writes there: from then on it can only be finished. */
export function mergeMarkerOf(base: string) {
  return `${base}.merging`;
}

/**
 * Merges an overlay's data down into its backing volume `base` for good (a deleted snapshot of a
 * raw disk: the disk keeps its raw base, as the engine's cold merge does). The mark goes down
 * first; the base is flushed before the overlay may be removed. Running it again commits again.
 */
export async function mergeIntoBase(overlay: string, base: string) {
  await verifyDomainOfFile(overlay);
  await verifyDomainOfFile(base);
  await writeFileAtomic(mergeMarkerOf(base), `${path.basename(overlay)}\n`);
  await flushFiles([mergeMarkerOf(base)]);
  await commitImage(overlay, "qcow2").catch((error: Error) => explainFailure(error, [base, overlay], domainOfFile(base)?.id ?? ""));
  await flushFiles([base]);
  await failpoint("merge-down:committed");
}

/** Merges an overlay's data down into its backing volume (undo of a live snapshot after QEMU died). */
export async function commitVolumeIntoBacking(file: string) {
  if (!(await stat(file).catch(() => null))) return;
  await commitImage(file, "qcow2");
}

export async function rebaseVolume(file: string, backing: Backing | null, copyData: boolean) {
  await verifyDomainOfFile(file);
  if (backing) await verifyDomainOfFile(backing.path);
  await rebaseImage(file, backing && { relativePath: relativeTo(file, backing.path), format: backing.format }, copyData);
  await setMetaParent(file, backing && path.basename(backing.path));
}

/** Removes a volume and its metadata; the image directory goes too once it is empty. */
export async function removeVolume(file: string) {
  await verifyDomainOfFile(file);
  await removeVolumeFiles(file);
}

async function removeVolumeFiles(file: string) {
  for (const suffix of VOLUME_FILE_SUFFIXES) await removeIfPresent(`${file}${suffix}`);
  await rmdir(path.dirname(file)).catch(() => undefined);
}

async function removeIfPresent(file: string) {
  // ENOTDIR: a path under a file cannot exist, so there is nothing to remove.
  await rm(file, { force: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOTDIR") throw error;
  });
}

export async function writeFileAtomic(file: string, content: string) {
  await verifyDomainOfFile(file);
  await mkdirIn(path.dirname(file));
  const temp = `${file}.tmp`;
  await writeFile(temp, content);
  await rename(temp, file);
}

export async function removeFile(file: string) {
  await verifyDomainOfFile(file);
  await rm(file, { force: true });
  await rmdir(path.dirname(file)).catch(() => undefined);
}

/**
 * Lays out a new domain under its (existing) mount path: metadata first, then images/, trash/
 * and, for an export domain, master/. The only code that creates a domain's folders.
 */
export async function initDomainDirectory(domain: DomainLocation & { name: string; type: string }) {
  const root = domainRoot(domain);
  await mkdir(path.join(root, "dom_md"), { recursive: true });
  await writeFile(metadataPath(root), formatMetadata({ id: domain.id, name: domain.name, type: domain.type, version: DOMAIN_FORMAT_VERSION }));
  await mkdir(imagesDir(domain));
  await mkdir(path.join(root, "trash"));
  if (domain.type === "export") {
    await mkdir(path.join(root, "master", "vms"), { recursive: true });
    await mkdir(path.join(root, "master", "templates"), { recursive: true });
  }
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

/** The domain's filesystem space, read inside its folder: a domain that is not there has none (ENOENT), never its mount point's. */
export async function domainSpace(domain: DomainLocation) {
  const stats = await statfs(domainRoot(domain));
  return { totalBytes: stats.blocks * stats.bsize, freeBytes: stats.bavail * stats.bsize };
}

/** Every file under a domain's images/ (relative to it: "<image>/<file>"), for the monitor's scan. */
export async function listImageFiles(domain: DomainLocation) {
  const root = imagesDir(domain);
  const found: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) {
      found.push(entry.name);
      continue;
    }
    for (const file of await readdir(path.join(root, entry.name)).catch(() => [] as string[])) found.push(`${entry.name}/${file}`);
  }
  return found;
}
