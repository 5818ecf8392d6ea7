import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { diskWhere } from "@/lib/auth/visibility";
import { activeSnapshotId } from "@/lib/snapshots/active-snapshot";
import { diskRowInclude, toDiskRow } from "./list-disks";

// The engine's disk snapshots: the volumes of disks' chains, one per image, as
// /storagedomains/{id}/disksnapshots and /disks/{id}/disksnapshots list them (the SDK's
// list_disk_snapshots.py rebuilds a chain from their parent links; download_disk_snapshot.py
// looks one up on its domain). As the engine: the volumes snapshots froze, and with
// include_active the disks' active volumes, with include_template the templates' volumes.

export interface DiskSnapshotFilter {
  storageDomainId?: string;
  diskId?: string;
  includeActive?: boolean;
  includeTemplate?: boolean;
}

const onTemplate: Prisma.VolumeWhereInput = { disk: { attachments: { some: { templateId: { not: null } } } } };

export async function listDiskSnapshots(actor: Actor, filter: DiskSnapshotFilter) {
  const kinds: Prisma.VolumeWhereInput[] = [{ leaf: false, NOT: onTemplate }];
  if (filter.includeActive) kinds.push({ leaf: true, NOT: onTemplate });
  if (filter.includeTemplate) kinds.push(onTemplate);
  const volumes = await db.volume.findMany({
    where: {
      AND: [
        filter.storageDomainId ? { storageDomainId: filter.storageDomainId } : {},
        filter.diskId ? { diskId: filter.diskId } : {},
        { disk: await diskWhere(actor) },
        { OR: kinds },
      ],
    },
    select: { id: true, parentId: true, format: true, actualSize: true, capacity: true, leaf: true, snapshotId: true, storageDomainId: true, disk: { include: diskRowInclude } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const vmOfSnapshot = new Map(
    (await db.snapshot.findMany({ where: { id: { in: volumes.flatMap((v) => (v.snapshotId ? [v.snapshotId] : [])) } }, select: { id: true, vmId: true } })).map((s) => [s.id, s.vmId]),
  );
  return volumes.map(({ disk, ...volume }) => {
    const row = toDiskRow(disk);
    // The active volume belongs to the VM's Active VM snapshot, as the engine links it.
    const vmId = volume.snapshotId ? vmOfSnapshot.get(volume.snapshotId) : volume.leaf ? row.vm?.id : undefined;
    const snapshotId = volume.snapshotId ?? (vmId ? activeSnapshotId(vmId) : null);
    return {
      disk: row,
      volume: { id: volume.id, parentId: volume.parentId, format: volume.format, actualSize: Number(volume.actualSize), capacity: Number(volume.capacity), storageDomainId: volume.storageDomainId },
      snapshot: vmId && snapshotId ? { id: snapshotId, vmId } : null,
    };
  });
}
export type DiskSnapshot = Awaited<ReturnType<typeof listDiskSnapshots>>[number];

/** One disk snapshot (any volume, active or a template's, as the engine answers a GET by id). */
export async function getDiskSnapshot(actor: Actor, volumeId: string, filter: Pick<DiskSnapshotFilter, "storageDomainId" | "diskId">) {
  const volume = await db.volume.findUnique({ where: { id: volumeId }, select: { diskId: true, storageDomainId: true } });
  const inScope = volume && (!filter.storageDomainId || volume.storageDomainId === filter.storageDomainId) && (!filter.diskId || volume.diskId === filter.diskId);
  const found = inScope && (await listDiskSnapshots(actor, { ...filter, diskId: volume.diskId, includeActive: true, includeTemplate: true })).find((s) => s.volume.id === volumeId);
  if (!found) throw new AppError("NOT_FOUND", `Disk snapshot ${volumeId} doesn't exist.`);
  return found;
}
