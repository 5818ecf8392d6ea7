import "server-only";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ACTIVE_SNAPSHOT_DESCRIPTION, activeSnapshotId } from "@/lib/snapshots/active-snapshot";
import { diskRowInclude, toDiskRow } from "./list-disks";
import { getVm } from "./list-vms";

// A VM's snapshots as oVirt lists them (oldest first, then the Active VM one), and the disks each
// holds: the volume it froze of each disk, or each disk's active volume for the Active VM.

export type SnapshotType = "regular" | "active";

export async function listVmSnapshots(vmId: string, actor: Actor) {
  return snapshotsOf(await getVm(vmId, actor));
}

/** The snapshots of a VM already read (getVm reads them with it), the Active VM one last. */
export function snapshotsOf(vm: Awaited<ReturnType<typeof getVm>>) {
  const regular = vm.snapshots.map((s) => ({ ...s, type: "regular" as SnapshotType }));
  const active = {
    id: activeSnapshotId(vm.id),
    description: ACTIVE_SNAPSHOT_DESCRIPTION,
    status: "ok",
    // The engine dates it when the VM's newest snapshot was taken (it starts anew then).
    createdAt: vm.snapshots.at(-1)?.createdAt ?? vm.createdAt,
    type: "active" as SnapshotType,
  };
  return { vmId: vm.id, snapshots: [...regular, active] };
}

export async function getVmSnapshot(vmId: string, snapshotId: string, actor: Actor) {
  const snapshot = (await listVmSnapshots(vmId, actor)).snapshots.find((s) => s.id === snapshotId);
  if (!snapshot) throw new AppError("NOT_FOUND", `Snapshot ${snapshotId} doesn't exist on VM ${vmId}.`);
  return snapshot;
}

/** Each disk of the snapshot with the volume that holds it there. */
export async function listSnapshotDisks(vmId: string, snapshotId: string, actor: Actor) {
  const snapshot = await getVmSnapshot(vmId, snapshotId, actor);
  const volumes = await db.volume.findMany({
    where: snapshot.type === "active" ? { leaf: true, disk: { contentType: "data", attachments: { some: { vmId } } } } : { snapshotId },
    select: { id: true, format: true, actualSize: true, storageDomainId: true, disk: { include: diskRowInclude } },
    orderBy: { disk: { alias: "asc" } },
  });
  return {
    snapshot,
    disks: volumes.map(({ disk, ...volume }) => ({ disk: toDiskRow(disk), volume: { ...volume, actualSize: Number(volume.actualSize) } })),
  };
}
export type SnapshotDisk = Awaited<ReturnType<typeof listSnapshotDisks>>["disks"][number];
