import "server-only";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { getVm } from "@/lib/queries/list-vms";
import { snapshotNode } from "../serialize/snapshot";

// /vms/{id}/snapshots and /vms/{id}/snapshots/{sid}.

export async function snapshotNodes(actor: Actor, vmId: string) {
  const vm = await getVm(vmId, actor);
  return vm.snapshots.map((s) => snapshotNode(vm.id, s));
}

export async function snapshotEntityNode(actor: Actor, vmId: string, snapshotId: string) {
  const snapshot = (await getVm(vmId, actor)).snapshots.find((s) => s.id === snapshotId);
  if (!snapshot) throw new AppError("NOT_FOUND", `Snapshot ${snapshotId} doesn't exist on VM ${vmId}.`);
  return snapshotNode(vmId, snapshot);
}
