import type { OvfDescriptor, OvfDisk } from "@/lib/transfer/ovf";
import { MiB } from "@/lib/schemas/common";
import { href, links, ref, wireDate } from "../hrefs";
import type { OutNode } from "../wire/tree";
import { cpuNode } from "./vm";
import { wireFormat } from "./disk";

// What an export domain holds, read from its OVF files: importable VMs and templates and
// their disks, under /storagedomains/{export}/vms|templates/{id}.

export function exportedNode(domainId: string, ovf: OvfDescriptor): OutNode {
  const kind = ovf.kind === "vm" ? "vms" : "templates";
  const base = href.exported(domainId, kind, ovf.id);
  return {
    "@href": base,
    "@id": ovf.id,
    actions: { link: [{ "@href": `${base}/import`, "@rel": "import" }] },
    name: ovf.name,
    description: ovf.description,
    link: links(base, ["disks"]),
    cpu: cpuNode(ovf.cpus),
    creation_time: wireDate(new Date(ovf.exportedAt)),
    memory: ovf.memoryMb * MiB,
    status: ovf.kind === "vm" ? "down" : "ok",
    storage_domain: ref("storageDomain", domainId),
    disk_attachments: { disk_attachment: ovf.disks.map((d) => ({ "@id": d.diskId, bootable: d.bootable, interface: d.interface, active: true, disk: { "@href": `${base}/disks/${d.diskId}`, "@id": d.diskId } })) },
  };
}

export function exportedDiskNode(domainId: string, ovf: OvfDescriptor, disk: OvfDisk): OutNode {
  const kind = ovf.kind === "vm" ? "vms" : "templates";
  return {
    "@href": `${href.exported(domainId, kind, ovf.id)}/disks/${disk.diskId}`,
    "@id": disk.diskId,
    name: disk.alias,
    alias: disk.alias,
    description: disk.description,
    actual_size: disk.actualSize,
    format: wireFormat(disk.format),
    image_id: disk.volumeId,
    provisioned_size: disk.provisionedSize,
    sparse: disk.allocation === "thin",
    status: "ok",
    storage_type: "image",
    storage_domains: { storage_domain: [ref("storageDomain", domainId)!] },
  };
}
