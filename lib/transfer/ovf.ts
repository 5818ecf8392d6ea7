import { XMLBuilder, XMLParser } from "fast-xml-parser";

// The OVF descriptor an export domain keeps per VM or template: what import needs to rebuild
// the object and find each disk's image (oVirt's OVF, trimmed to the fields we use).

export interface OvfDisk {
  diskId: string;
  volumeId: string;
  alias: string;
  description: string;
  provisionedSize: number;
  actualSize: number;
  format: "qcow2" | "raw";
  allocation: "thin" | "preallocated";
  interface: string;
  bootable: boolean;
}

export interface OvfDescriptor {
  kind: "vm" | "template";
  id: string;
  name: string;
  description: string;
  cpus: number;
  memoryMb: number;
  exportedAt: string;
  disks: OvfDisk[];
}

const attr = "@_";

export function buildOvf(ovf: OvfDescriptor) {
  // suppressBooleanAttributes off: by default a true attribute is written without a value, and lost on parsing.
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: attr, format: true, suppressEmptyNode: true, suppressBooleanAttributes: false });
  return builder.build({
    "ovf:Envelope": {
      [`${attr}xmlns:ovf`]: "http://schemas.dmtf.org/ovf/envelope/1/",
      [`${attr}ovf:version`]: "4.4.0.0",
      References: { File: ovf.disks.map((d) => ({ [`${attr}ovf:href`]: `${d.diskId}/${d.volumeId}`, [`${attr}ovf:id`]: d.volumeId, [`${attr}ovf:size`]: d.actualSize })) },
      DiskSection: {
        Disk: ovf.disks.map((d) => ({
          [`${attr}ovf:diskId`]: d.diskId,
          [`${attr}ovf:fileRef`]: `${d.diskId}/${d.volumeId}`,
          [`${attr}ovf:size`]: d.provisionedSize,
          [`${attr}ovf:actual_size`]: d.actualSize,
          [`${attr}ovf:volume-format`]: d.format === "qcow2" ? "COW" : "RAW",
          [`${attr}ovf:volume-type`]: d.allocation === "thin" ? "Sparse" : "Preallocated",
          [`${attr}ovf:disk-interface`]: d.interface,
          [`${attr}ovf:boot`]: d.bootable,
          [`${attr}ovf:disk-alias`]: d.alias,
          [`${attr}ovf:disk-description`]: d.description,
        })),
      },
      Content: {
        [`${attr}ovf:id`]: ovf.id,
        [`${attr}ovf:kind`]: ovf.kind,
        Name: ovf.name,
        Description: ovf.description,
        CpuCount: ovf.cpus,
        MemoryMb: ovf.memoryMb,
        ExportDate: ovf.exportedAt,
      },
    },
  });
}

export function parseOvf(xml: string): OvfDescriptor {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: attr, parseAttributeValue: true, isArray: (name) => name === "Disk" || name === "File" });
  const envelope = parser.parse(xml)["ovf:Envelope"];
  const content = envelope.Content;
  const files = new Map<string, string>((envelope.References?.File ?? []).map((f: Record<string, string>) => [f[`${attr}ovf:href`], String(f[`${attr}ovf:id`])]));
  return {
    kind: content[`${attr}ovf:kind`] === "template" ? "template" : "vm",
    id: String(content[`${attr}ovf:id`]),
    name: String(content.Name),
    description: String(content.Description ?? ""),
    cpus: Number(content.CpuCount),
    memoryMb: Number(content.MemoryMb),
    exportedAt: String(content.ExportDate),
    disks: (envelope.DiskSection?.Disk ?? []).map((d: Record<string, string | number | boolean>) => ({
      diskId: String(d[`${attr}ovf:diskId`]),
      volumeId: files.get(String(d[`${attr}ovf:fileRef`])) ?? String(d[`${attr}ovf:fileRef`]).split("/")[1],
      alias: String(d[`${attr}ovf:disk-alias`]),
      description: String(d[`${attr}ovf:disk-description`] ?? ""),
      provisionedSize: Number(d[`${attr}ovf:size`]),
      actualSize: Number(d[`${attr}ovf:actual_size`]),
      format: d[`${attr}ovf:volume-format`] === "COW" ? "qcow2" : "raw",
      allocation: d[`${attr}ovf:volume-type`] === "Sparse" ? "thin" : "preallocated",
      interface: String(d[`${attr}ovf:disk-interface`]),
      bootable: d[`${attr}ovf:boot`] === true,
    })),
  };
}
