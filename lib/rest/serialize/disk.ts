import type { DiskRow } from "@/lib/queries/list-disks";
import { actionLinks, href, ref } from "../hrefs";
import type { OutNode } from "../wire/tree";
import { diskProfileRef } from "./disk-profile";

/** oVirt's names for our formats: qcow2 is "cow". */
export const wireFormat = (format: string) => (format === "qcow2" ? "cow" : "raw");

export function diskNode(disk: DiskRow): OutNode {
  const base = href.disk(disk.id);
  return {
    "@href": base,
    "@id": disk.id,
    actions: actionLinks(base, ["copy", "move"]),
    name: disk.alias,
    alias: disk.alias,
    description: disk.description,
    actual_size: disk.actualSize,
    content_type: disk.contentType === "memory_dump" ? "memory_dump_volume" : "data",
    format: wireFormat(disk.format),
    image_id: disk.imageId,
    propagate_errors: false,
    provisioned_size: disk.provisionedSize,
    shareable: disk.shareable,
    sparse: disk.allocation === "thin",
    status: disk.status,
    storage_type: "image",
    total_size: disk.actualSize,
    wipe_after_delete: false,
    storage_domains: { storage_domain: disk.storageDomains.map((d) => ref("storageDomain", d.id)!) },
    disk_profile: disk.storageDomains[0] ? diskProfileRef(disk.storageDomains[0].id) : undefined,
  };
}
