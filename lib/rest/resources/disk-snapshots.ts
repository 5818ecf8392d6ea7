import "server-only";
import type { Actor } from "@/lib/actor";
import { getDiskSnapshot, listDiskSnapshots, type DiskSnapshotFilter } from "@/lib/queries/disk-snapshots";
import { getStorageDomain } from "@/lib/queries/list-storage-domains";
import { diskSnapshotNode } from "../serialize/disk-snapshot";
import { requireVisibleDisk } from "./visible";

// /storagedomains/{id}/disksnapshots and /disks/{id}/disksnapshots, each with /{volumeId}.

type Scope = { storageDomainId: string } | { diskId: string };

async function requireScope(actor: Actor, scope: Scope) {
  if ("diskId" in scope) await requireVisibleDisk(actor, scope.diskId);
  else await getStorageDomain(scope.storageDomainId, actor);
}

export async function diskSnapshotNodes(actor: Actor, scope: Scope, options: Pick<DiskSnapshotFilter, "includeActive" | "includeTemplate">) {
  await requireScope(actor, scope);
  return (await listDiskSnapshots(actor, { ...scope, ...options })).map(diskSnapshotNode);
}

export async function diskSnapshotEntityNode(actor: Actor, scope: Scope, volumeId: string) {
  await requireScope(actor, scope);
  return diskSnapshotNode(await getDiskSnapshot(actor, volumeId, scope));
}
