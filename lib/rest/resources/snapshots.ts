import "server-only";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { getVmSnapshot, listSnapshotDisks, listVmSnapshots } from "@/lib/queries/vm-snapshots";
import { snapshotDiskNode, snapshotNode } from "../serialize/snapshot";

// /vms/{id}/snapshots, /vms/{id}/snapshots/{sid} and the disks each snapshot holds.

export async function snapshotNodes(actor: Actor, vmId: string) {
  const { snapshots } = await listVmSnapshots(vmId, actor);
  return snapshots.map((s) => snapshotNode(vmId, s));
}

export async function snapshotEntityNode(actor: Actor, vmId: string, snapshotId: string) {
  return snapshotNode(vmId, await getVmSnapshot(vmId, snapshotId, actor));
}

export async function snapshotDiskNodes(actor: Actor, vmId: string, snapshotId: string) {
  const { disks } = await listSnapshotDisks(vmId, snapshotId, actor);
  return disks.map((d) => snapshotDiskNode(vmId, snapshotId, d));
}

export async function snapshotDiskEntityNode(actor: Actor, vmId: string, snapshotId: string, diskId: string) {
  const disk = (await listSnapshotDisks(vmId, snapshotId, actor)).disks.find((d) => d.disk.id === diskId);
  if (!disk) throw new AppError("NOT_FOUND", `Disk ${diskId} is not in snapshot ${snapshotId} of VM ${vmId}.`);
  return snapshotDiskNode(vmId, snapshotId, disk);
}
