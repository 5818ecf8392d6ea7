import "server-only";
import { randomUUID } from "node:crypto";
import type { CopyOp, StorageOp } from "@/lib/storage/storage-steps";
import type { LiveMoveDisk } from "@/lib/vms/runtime/runtime-steps";
import { diskDeviceId, placedNodeNames } from "@/lib/runtime/qemu-command";
import { volumePath, type DomainLocation } from "@/lib/storage/layout";
import type { ImageFormat } from "@/lib/storage/driver";
import type { DiskChain } from "./chain";

// Builders of the storage steps that the disk operations share.

export interface DiskShape {
  id: string;
  alias: string;
  provisionedSize: number;
  format: ImageFormat;
  allocation: string;
}

/** A new empty disk: one base volume on its domain. */
export function createDiskOp(domain: DomainLocation & { name: string }, disk: DiskShape): StorageOp {
  const volumeId = randomUUID();
  return {
    kind: "create",
    label: `Create disk ${disk.alias} on ${domain.name}`,
    path: volumePath(domain, disk.id, volumeId),
    format: disk.format,
    preallocated: disk.allocation === "preallocated",
    meta: { diskId: disk.id, volumeId, domainId: domain.id, parent: null, sizeBytes: disk.provisionedSize },
    record: { id: volumeId, diskId: disk.id, storageDomainId: domain.id, parentId: null, format: disk.format, leaf: true, snapshotId: null },
  };
}

/** A thin disk: a qcow2 overlay on a template volume on the same domain. */
export function overlayDiskOp(
  domain: DomainLocation & { name: string },
  disk: Omit<DiskShape, "format" | "allocation">,
  base: { id: string; path: string; format: ImageFormat },
): StorageOp {
  const volumeId = randomUUID();
  return {
    kind: "create",
    label: `Create thin disk ${disk.alias} on ${domain.name}`,
    path: volumePath(domain, disk.id, volumeId),
    format: "qcow2",
    preallocated: false,
    backing: { path: base.path, format: base.format },
    meta: { diskId: disk.id, volumeId, domainId: domain.id, parent: base.id, sizeBytes: disk.provisionedSize },
    record: { id: volumeId, diskId: disk.id, storageDomainId: domain.id, parentId: base.id, format: "qcow2", leaf: true, snapshotId: null },
  };
}

/**
 * A full, independent copy of an image's current data (its whole backing chain read through)
 * as the single volume of a disk: clones, templates, exports and disk copies.
 */
export function collapseCopyOp(options: {
  label: string;
  source: { path: string; format: ImageFormat; weightBytes: number };
  target: DomainLocation;
  disk: DiskShape;
  /** Without tracking the file is not a volume the database knows (an export). */
  track: boolean;
}): CopyOp {
  const { label, source, target, disk, track } = options;
  const volumeId = randomUUID();
  return {
    kind: "copy",
    label,
    source: { path: source.path, format: source.format },
    path: volumePath(target, disk.id, volumeId),
    format: disk.format,
    preallocated: disk.allocation === "preallocated",
    meta: { diskId: disk.id, volumeId, domainId: target.id, parent: null, sizeBytes: disk.provisionedSize },
    weightBytes: source.weightBytes,
    record: track
      ? { id: volumeId, diskId: disk.id, storageDomainId: target.id, parentId: null, format: disk.format, leaf: true, snapshotId: null }
      : undefined,
  };
}

/**
 * Copies every volume of a chain to another domain, keeping its shape (snapshots, and the thin
 * link to the template copy that `templateBaseOnTarget` names) and its volume ids.
 */
export function copyChainOps(
  chain: DiskChain,
  target: DomainLocation & { name: string },
  disk: { alias: string; provisionedSize: number; allocation: string },
  templateBaseOnTarget: { id: string; path: string; format: ImageFormat } | null,
): StorageOp[] {
  let below = templateBaseOnTarget && { path: templateBaseOnTarget.path, format: templateBaseOnTarget.format };
  return chain.volumes.map((volume, index) => {
    const path = volumePath(target, chain.diskId, volume.id);
    const op: StorageOp = {
      kind: "copy",
      label: `Copy ${chain.volumes.length > 1 ? `volume ${index + 1} of ` : ""}disk ${disk.alias} to ${target.name}`,
      source: { path: volume.path, format: volume.format },
      path,
      format: volume.format,
      preallocated: index === 0 && disk.allocation === "preallocated",
      backing: below ?? undefined,
      meta: { diskId: chain.diskId, volumeId: volume.id, domainId: target.id, parent: volume.parentId, sizeBytes: disk.provisionedSize },
      weightBytes: volume.actualSize,
      record: {
        id: volume.id,
        diskId: chain.diskId,
        storageDomainId: target.id,
        parentId: volume.parentId,
        format: volume.format,
        leaf: volume.leaf,
        snapshotId: volume.snapshotId,
      },
    };
    below = { path, format: volume.format };
    return op;
  });
}

/**
 * Turns a chain's copy into a live move's preparation: the volumes below the active one are
 * copied as they are (QEMU only reads them), and the active one is made empty on the target,
 * on top of those copies, for QEMU to mirror into.
 */
export function liveMoveOps(copies: StorageOp[], chain: DiskChain, alias: string): { ops: StorageOp[]; mirror: LiveMoveDisk } {
  const last = copies.at(-1) as CopyOp;
  const leaf = chain.volumes.at(-1)!;
  const active: StorageOp = {
    kind: "create",
    label: `Create the active volume of disk ${alias} on the target`,
    path: last.path,
    format: last.format,
    preallocated: last.preallocated,
    backing: last.backing,
    meta: last.meta,
    record: last.record,
  };
  const nodes = (domainId: string) => placedNodeNames(leaf.id, domainId);
  return {
    ops: [...copies.slice(0, -1), active],
    mirror: {
      deviceId: diskDeviceId(chain.diskId),
      alias,
      source: { ...nodes(chain.storageDomain.id), path: leaf.path, format: leaf.format },
      target: { ...nodes(last.meta.domainId), path: last.path, format: last.format },
      weightBytes: leaf.actualSize,
    },
  };
}
