import "server-only";
import { stat } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { recordEvent } from "@/lib/events";
import { listImageFiles } from "@/lib/storage/driver";
import { imagesDir, VOLUME_FILE_SUFFIXES } from "@/lib/storage/layout";
import { markDiskFound, markDiskIllegal, MISSING_PREFIX } from "@/lib/disks/image-health";
import { pendingCleanupPaths } from "./pending-cleanups";
import { unregisteredDiskIds } from "./unregistered";

// The monitor's pass over a verified data domain's images/: one directory listing compared with
// the database. A volume file that is gone turns its disk illegal (and ok again when it is back);
// a file that no volume, job in flight or pending cleanup owns is reported, never deleted.

const exists = (file: string) => stat(file).then(() => true, () => false);

export async function scanDomainImages(domain: { id: string; name: string; path: string; unknownFiles: string }) {
  const root = imagesDir(domain);
  const present = new Set(await listImageFiles(domain));
  const volumes = await db.volume.findMany({ where: { storageDomainId: domain.id }, select: { id: true, diskId: true, disk: { select: { status: true, statusReason: true, lockJobId: true } } } });
  const inFlight = await db.spaceReservation.findMany({ where: { storageDomainId: domain.id }, select: { path: true } });
  const cleanups = await pendingCleanupPaths(domain.id);
  // Images of what the domain holds to register (its Import tabs) are not strangers.
  const unregistered = await unregisteredDiskIds(domain.id);

  const known = new Set<string>();
  const missingByDisk = new Map<string, string[]>();
  for (const volume of volumes) {
    const name = `${volume.diskId}/${volume.id}`;
    for (const suffix of VOLUME_FILE_SUFFIXES) known.add(`${name}${suffix}`);
    if (!present.has(name)) missingByDisk.set(volume.diskId, [...(missingByDisk.get(volume.diskId) ?? []), volume.id]);
  }
  for (const file of [...inFlight.map((r) => r.path), ...cleanups]) {
    const relative = path.relative(root, file);
    // .upload: where an image transfer's data lands before it becomes the volume.
    for (const suffix of [...VOLUME_FILE_SUFFIXES, ".upload"]) known.add(`${relative}${suffix}`);
  }

  for (const volume of volumes) {
    const missing = missingByDisk.get(volume.diskId);
    if (volume.disk.lockJobId) continue;
    if (missing && volume.disk.status === "ok" && missing[0] === volume.id) {
      // Listed missing: look once more, a job may have moved it meanwhile.
      if (await exists(path.join(root, volume.diskId, volume.id))) continue;
      await markDiskIllegal(volume.diskId, volume.id, `${MISSING_PREFIX} ${volume.id} on storage domain ${domain.name}: ${path.join(root, volume.diskId, volume.id)} does not exist`);
    } else if (!missing && volume.disk.status === "illegal" && volume.disk.statusReason?.startsWith(MISSING_PREFIX)) {
      await markDiskFound(volume.diskId);
    }
  }

  const unknown: string[] = [];
  for (const file of [...present].sort()) {
    if (known.has(file) || unregistered.has(file.split("/")[0]) || !(await exists(path.join(root, file)))) continue;
    unknown.push(`images/${file}`);
  }
  await reportUnknownFiles(domain, unknown);
  return unknown;
}

async function reportUnknownFiles(domain: { id: string; name: string; unknownFiles: string }, unknown: string[]) {
  const before = new Set(JSON.parse(domain.unknownFiles) as string[]);
  if (unknown.length === before.size && unknown.every((f) => before.has(f))) return;
  const added = unknown.filter((f) => !before.has(f));
  await db.$transaction(async (tx) => {
    await tx.storageDomain.update({ where: { id: domain.id }, data: { unknownFiles: JSON.stringify(unknown) } });
    if (added.length) {
      await recordEvent(tx, systemActor, {
        action: "storage_domain_unknown_files",
        severity: "warning",
        message: `Storage domain ${domain.name} holds ${added.length} file(s) that no disk or job owns; they are kept, not deleted: ${added.join(", ")}`,
        objectType: "storage_domain",
        objectId: domain.id,
      });
    }
  });
}
