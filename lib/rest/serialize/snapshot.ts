import type { SnapshotDisk } from "@/lib/queries/vm-snapshots";
import { href, links, ref, wireDate } from "../hrefs";
import type { OutNode } from "../wire/tree";
import { diskNode } from "./disk";

export function snapshotNode(vmId: string, snapshot: { id: string; description: string; status: string; createdAt: Date; type: string }): OutNode {
  const base = href.snapshot(vmId, snapshot.id);
  return {
    "@href": base,
    "@id": snapshot.id,
    actions: { link: [{ "@href": `${base}/restore`, "@rel": "restore" }] },
    link: links(base, ["disks"]),
    description: snapshot.description,
    date: wireDate(snapshot.createdAt),
    persist_memorystate: false,
    snapshot_status: snapshot.status,
    snapshot_type: snapshot.type,
    vm: ref("vm", vmId),
  };
}

/** A disk as a snapshot holds it: the engine's disk, with the snapshot's volume as its image. */
export function snapshotDiskNode(vmId: string, snapshotId: string, { disk, volume }: SnapshotDisk): OutNode {
  const { actions: _actions, disk_profile: _profile, ...node } = diskNode({ ...disk, imageId: volume.id, actualSize: volume.actualSize, format: volume.format });
  return {
    ...node,
    "@href": `${href.snapshot(vmId, snapshotId)}/disks/${disk.id}`,
    storage_domains: { storage_domain: [ref("storageDomain", volume.storageDomainId)!] },
    snapshot: { "@href": href.snapshot(vmId, snapshotId), "@id": snapshotId },
  };
}
