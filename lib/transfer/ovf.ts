import { XMLBuilder, XMLParser } from "fast-xml-parser";

// The OVF descriptor an export domain, an OVA or a data domain's OVF store keeps per VM, template
// or floating disk: what import or register needs to rebuild the object and find each disk's
// images (oVirt's OVF, trimmed to the fields we use). The OVF store's descriptors also carry each
// disk's volume chain with its domain, the snapshots and the template, so registering brings the
// object back with its disks where they are.

export interface OvfVolume {
  id: string;
  parentId: string | null;
  format: "qcow2" | "raw";
  storageDomainId: string;
  snapshotId: string | null;
  leaf: boolean;
}

export interface OvfSnapshot {
  id: string;
  description: string;
  createdAt: string;
}

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
  /** Plugged into its VM (OVF store only). */
  active?: boolean;
  /** Every volume of the disk on every domain, base first per domain (OVF store only). */
  volumes?: OvfVolume[];
}

export type OvfKind = "vm" | "template" | "disk";

/** An export domain and an OVA hold VMs and templates; a data domain's OVF store floating disks too. */
export interface OvfDescriptor<K extends OvfKind = "vm" | "template"> {
  kind: K;
  id: string;
  name: string;
  description: string;
  cpus: number;
  memoryMb: number;
  exportedAt: string;
  disks: OvfDisk[];
  /** The template a VM was made from (OVF store only). */
  templateId?: string | null;
  snapshots?: OvfSnapshot[];
}

const attr = "@_";

export function buildOvf(ovf: OvfDescriptor<OvfKind>) {
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
          ...(d.active === undefined ? {} : { [`${attr}ovf:active`]: d.active }),
          ...(d.volumes ? { Volume: d.volumes.map(volumeNode) } : {}),
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
        ...(ovf.templateId === undefined ? {} : { TemplateId: ovf.templateId ?? "" }),
      },
      ...(ovf.snapshots ? { Snapshots: { Snapshot: ovf.snapshots.map((s) => ({ [`${attr}ovf:id`]: s.id, [`${attr}ovf:description`]: s.description, [`${attr}ovf:created`]: s.createdAt })) } } : {}),
    },
  });
}

export function parseOvf(xml: string): OvfDescriptor<OvfKind> {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: attr, parseAttributeValue: true, isArray: (name) => ["Disk", "File", "Volume", "Snapshot"].includes(name) });
  const envelope = parser.parse(xml)["ovf:Envelope"];
  const content = envelope.Content;
  const files = new Map<string, string>((envelope.References?.File ?? []).map((f: Record<string, string>) => [f[`${attr}ovf:href`], String(f[`${attr}ovf:id`])]));
  return {
    kind: content[`${attr}ovf:kind`] === "template" ? "template" : content[`${attr}ovf:kind`] === "disk" ? "disk" : "vm",
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
      ...(d[`${attr}ovf:active`] === undefined ? {} : { active: d[`${attr}ovf:active`] === true }),
      ...(d.Volume ? { volumes: (d.Volume as unknown as Record<string, string | boolean>[]).map(parseVolume) } : {}),
    })),
    ...("TemplateId" in content ? { templateId: content.TemplateId ? String(content.TemplateId) : null } : {}),
    ...("Snapshots" in envelope ? { snapshots: (envelope.Snapshots?.Snapshot ?? []).map((s: Record<string, string>) => ({ id: String(s[`${attr}ovf:id`]), description: String(s[`${attr}ovf:description`] ?? ""), createdAt: String(s[`${attr}ovf:created`]) })) } : {}),
  };
}

/** The descriptor of a VM or template (an export domain's, an OVA's); anything else is refused. */
export function parseVmOrTemplateOvf(xml: string): OvfDescriptor {
  const ovf = parseOvf(xml);
  if (ovf.kind === "disk") throw new Error("The OVF describes a disk, not a VM or template");
  return ovf as OvfDescriptor;
}

function volumeNode(v: OvfVolume) {
  return {
    [`${attr}ovf:id`]: v.id,
    ...(v.parentId ? { [`${attr}ovf:parent`]: v.parentId } : {}),
    [`${attr}ovf:volume-format`]: v.format === "qcow2" ? "COW" : "RAW",
    [`${attr}ovf:domain`]: v.storageDomainId,
    ...(v.snapshotId ? { [`${attr}ovf:snapshot`]: v.snapshotId } : {}),
    [`${attr}ovf:leaf`]: v.leaf,
  };
}

function parseVolume(v: Record<string, string | boolean>): OvfVolume {
  return {
    id: String(v[`${attr}ovf:id`]),
    parentId: v[`${attr}ovf:parent`] ? String(v[`${attr}ovf:parent`]) : null,
    format: v[`${attr}ovf:volume-format`] === "COW" ? "qcow2" : "raw",
    storageDomainId: String(v[`${attr}ovf:domain`]),
    snapshotId: v[`${attr}ovf:snapshot`] ? String(v[`${attr}ovf:snapshot`]) : null,
    leaf: v[`${attr}ovf:leaf`] === true,
  };
}
