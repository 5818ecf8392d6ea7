import type { OvfDescriptor, OvfDisk, OvfKind } from "@/lib/transfer/ovf";
import { MiB } from "@/lib/schemas/common";
import { API_BASE, href, links, ref, wireDate } from "../hrefs";
import type { OutNode } from "../wire/tree";
import { cpuNode } from "./vm";
import { wireFormat } from "./disk";

// What an export domain holds, read from its OVF files: importable VMs and templates and
// their disks, under /storagedomains/{export}/vms|templates/{id}. A data domain's unregistered
// VMs and templates are the same nodes with a register action.

export function exportedNode(domainId: string, ovf: OvfDescriptor, action: "import" | "register" = "import"): OutNode {
  const kind = ovf.kind === "vm" ? "vms" : "templates";
  const base = href.exported(domainId, kind, ovf.id);
  return {
    "@href": base,
    "@id": ovf.id,
    actions: { link: [{ "@href": `${base}/${action}`, "@rel": action }] },
    name: ovf.name,
    description: ovf.description,
    link: links(base, ["disks"]),
    cpu: cpuNode(ovf.cpus),
    creation_time: wireDate(new Date(ovf.exportedAt)),
    memory: ovf.memoryMb * MiB,
    status: ovf.kind === "vm" ? "down" : "ok",
    storage_domain: ref("storageDomain", domainId),
    disk_attachments: { disk_attachment: ovf.disks.map((d) => ({ "@id": d.diskId, bootable: d.bootable, interface: d.interface, active: d.active ?? true, disk: { "@href": `${base}/disks/${d.diskId}`, "@id": d.diskId } })) },
  };
}

export function exportedDiskNode(domainId: string, ovf: OvfDescriptor<OvfKind>, disk: OvfDisk): OutNode {
  const base = ovf.kind === "disk" ? `${API_BASE}/storagedomains/${domainId}` : href.exported(domainId, ovf.kind === "vm" ? "vms" : "templates", ovf.id);
  return {
    "@href": `${base}/disks/${disk.diskId}`,
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
