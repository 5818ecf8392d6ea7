import type { DiskSnapshot } from "@/lib/queries/disk-snapshots";
import { href, ref } from "../hrefs";
import type { OutNode } from "../wire/tree";
import { diskNode } from "./disk";

const diskSnapshotHref = (domainId: string, id: string) => `${href.storageDomain(domainId)}/disksnapshots/${id}`;

/** A disk snapshot: the engine's disk as one volume holds it, linked to its disk, its VM snapshot and its parent volume. */
export function diskSnapshotNode({ disk, volume, snapshot }: DiskSnapshot): OutNode {
  const { actions: _actions, disk_profile: _profile, ...node } = diskNode({ ...disk, imageId: volume.id, actualSize: volume.actualSize, format: volume.format });
  return {
    ...node,
    "@href": diskSnapshotHref(volume.storageDomainId, volume.id),
    "@id": volume.id,
    provisioned_size: volume.capacity || disk.provisionedSize,
    storage_domains: { storage_domain: [ref("storageDomain", volume.storageDomainId)!] },
    disk: ref("disk", disk.id),
    snapshot: snapshot ? { "@href": href.snapshot(snapshot.vmId, snapshot.id), "@id": snapshot.id } : undefined,
    parent: volume.parentId ? { "@href": diskSnapshotHref(volume.storageDomainId, volume.parentId), "@id": volume.parentId } : undefined,
  };
}
