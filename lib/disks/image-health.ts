import "server-only";
import { stat } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events";
import type { ImageFormat } from "@/lib/storage/qemu-img";
import { checkOnce } from "@/lib/storage/sound-images";

// Disks whose image files are gone or damaged turn illegal, with the reason kept for the UI, so
// nothing copies, runs or commits on top of them. The monitor finds missing files on its rounds;
// operations check the files they are about to read first.

export const MISSING_PREFIX = "Missing volume";

/**
 * ok → illegal, with an event: only a disk no job holds that still has the volume found bad (a
 * job that moved the disk meanwhile replaced it). False when nothing changed.
 */
export async function markDiskIllegal(diskId: string, volumeId: string, reason: string) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.disk.updateMany({ where: { id: diskId, status: "ok", lockJobId: null, volumes: { some: { id: volumeId } } }, data: { status: "illegal", statusReason: reason } });
    if (!count) return false;
    const disk = await tx.disk.findUniqueOrThrow({ where: { id: diskId } });
    await recordEvent(tx, systemActor, { action: "disk_illegal", severity: "error", message: `Disk ${disk.alias} is illegal: ${reason}.`, objectType: "disk", objectId: diskId });
    return true;
  });
}

/** illegal → ok when what made it illegal was a missing file that is back. */
export async function markDiskFound(diskId: string) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.disk.updateMany({ where: { id: diskId, status: "illegal", statusReason: { startsWith: MISSING_PREFIX } }, data: { status: "ok", statusReason: null } });
    if (!count) return;
    const disk = await tx.disk.findUniqueOrThrow({ where: { id: diskId } });
    await recordEvent(tx, systemActor, { action: "disk_ok", message: `Disk ${disk.alias}: its volume files are present again; it is ok.`, objectType: "disk", objectId: diskId });
  });
}

/** A volume file's problem, if any: missing, or failing `qemu-img check` (skipped while QEMU writes it). */
async function imageProblem(file: string, format: ImageFormat, inUse: boolean) {
  const exists = await stat(file).then(() => true, (error: NodeJS.ErrnoException) => error.code !== "ENOENT" && error.code !== "ENOTDIR");
  if (!exists) return `${MISSING_PREFIX} ${path.basename(file)}: ${file} does not exist`;
  if (inUse) return null;
  const damage = await checkOnce(file, format);
  return damage && `qemu-img check of volume ${path.basename(file)} failed: ${damage}`;
}

/**
 * Before an operation reads volumes: each must exist and pass `qemu-img check`. A failing one
 * turns its disk illegal and refuses the operation. Files are <domain>/images/<disk>/<volume>.
 */
export async function requireImagesIntact(files: { path: string; format: ImageFormat }[], action: string) {
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path)) continue;
    seen.add(file.path);
    const diskId = path.basename(path.dirname(file.path));
    // A running VM's QEMU changes its images' metadata as we read it: check only that they exist.
    const inUse = (await db.diskAttachment.count({ where: { diskId, vm: { status: { not: "down" } } } })) > 0;
    const problem = await imageProblem(file.path, file.format, inUse);
    if (!problem) continue;
    const marked = await markDiskIllegal(diskId, path.basename(file.path), problem);
    const disk = await db.disk.findUnique({ where: { id: diskId }, select: { alias: true, status: true, volumes: { where: { id: path.basename(file.path) }, select: { id: true } } } });
    if (!marked && disk && !disk.volumes.length) throw new AppError("CONFLICT", `Cannot ${action}. Disk ${disk.alias} changed meanwhile (another operation replaced its volume); try again.`);
    throw new AppError("CONFLICT", `Cannot ${action}. Disk ${disk?.alias ?? diskId} is illegal: ${problem}.`);
  }
}
