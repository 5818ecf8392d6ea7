import "server-only";
import { db } from "@/lib/db";
import type { DiskGetPayload } from "@/lib/generated/prisma/models";
import { buildOvf, type OvfDescriptor, type OvfDisk, type OvfKind } from "@/lib/transfer/ovf";

// The OVF store descriptor of a VM, template or floating disk, built from the database: every
// disk with every volume on every domain, so the object can be registered from any one of them.

export interface EntityIds {
  vms: string[];
  templates: string[];
  disks: string[];
}

export interface EntityOvf {
  id: string;
  xml: string;
  /** The domains holding a volume of it: where its descriptor belongs. */
  domainIds: Set<string>;
}

const diskWithVolumes = { include: { volumes: { orderBy: { createdAt: "asc" as const } } } };
type DiskRow = DiskGetPayload<{ include: { volumes: true } }>;

function ovfDisk(disk: DiskRow, attachment: { interface: string; bootable: boolean; active: boolean } | null): OvfDisk {
  const leaf = disk.volumes.find((v) => v.leaf) ?? disk.volumes[disk.volumes.length - 1];
  return {
    diskId: disk.id,
    volumeId: leaf?.id ?? "",
    alias: disk.alias,
    description: disk.description,
    provisionedSize: Number(disk.provisionedSize),
    actualSize: disk.volumes.filter((v) => v.storageDomainId === leaf?.storageDomainId).reduce((sum, v) => sum + Number(v.actualSize), 0),
    format: disk.format as "qcow2" | "raw",
    allocation: disk.allocation as "thin" | "preallocated",
    interface: attachment?.interface ?? "virtio",
    bootable: attachment?.bootable ?? false,
    active: attachment?.active ?? false,
    volumes: disk.volumes.map((v) => ({ id: v.id, parentId: v.parentId, format: v.format as "qcow2" | "raw", storageDomainId: v.storageDomainId, snapshotId: v.snapshotId, leaf: v.leaf })),
  };
}

function entityOvf(descriptor: OvfDescriptor<OvfKind>): EntityOvf {
  const domainIds = new Set(descriptor.disks.flatMap((d) => (d.volumes ?? []).map((v) => v.storageDomainId)));
  return { id: descriptor.id, xml: buildOvf(descriptor), domainIds };
}

/** Descriptors of those of the given objects that exist (one that is gone has none). */
export async function entityOvfs(ids: EntityIds): Promise<EntityOvf[]> {
  const attachments = { where: { disk: { contentType: "data" } }, include: { disk: diskWithVolumes }, orderBy: { disk: { alias: "asc" as const } } };
  const [vms, templates, disks] = await Promise.all([
    ids.vms.length ? db.vm.findMany({ where: { id: { in: ids.vms } }, include: { attachments, snapshots: { orderBy: { createdAt: "asc" } } } }) : [],
    ids.templates.length ? db.template.findMany({ where: { id: { in: ids.templates } }, include: { attachments } }) : [],
    ids.disks.length ? db.disk.findMany({ where: { id: { in: ids.disks }, contentType: "data", attachments: { none: {} } }, ...diskWithVolumes }) : [],
  ]);
  const common = (o: { id: string; name: string; description: string; cpus: number; memoryMb: number; createdAt: Date }) => ({ id: o.id, name: o.name, description: o.description, cpus: o.cpus, memoryMb: o.memoryMb, exportedAt: o.createdAt.toISOString() });
  return [
    ...vms.map((vm) =>
      entityOvf({
        kind: "vm",
        ...common(vm),
        templateId: vm.templateId,
        snapshots: vm.snapshots.map((s) => ({ id: s.id, description: s.description, createdAt: s.createdAt.toISOString() })),
        disks: vm.attachments.map((a) => ovfDisk(a.disk, a)),
      }),
    ),
    ...templates.map((template) => entityOvf({ kind: "template", ...common(template), disks: template.attachments.map((a) => ovfDisk(a.disk, a)) })),
    ...disks.map((disk) => entityOvf({ kind: "disk", id: disk.id, name: disk.alias, description: disk.description, cpus: 0, memoryMb: 0, exportedAt: disk.createdAt.toISOString(), disks: [ovfDisk(disk, null)] })),
  ];
}

/** Every VM, template and floating disk with a volume on the domain. */
export async function entitiesOnDomain(storageDomainId: string): Promise<EntityIds> {
  const onDomain = { volumes: { some: { storageDomainId } } };
  const [vms, templates, disks] = await Promise.all([
    db.vm.findMany({ where: { attachments: { some: { disk: { contentType: "data", ...onDomain } } } }, select: { id: true } }),
    db.template.findMany({ where: { attachments: { some: { disk: onDomain } } }, select: { id: true } }),
    db.disk.findMany({ where: { contentType: "data", attachments: { none: {} }, ...onDomain }, select: { id: true } }),
  ]);
  return { vms: vms.map((v) => v.id), templates: templates.map((t) => t.id), disks: disks.map((d) => d.id) };
}

/** The VMs, templates and floating disks that own these disks. */
export async function ownersOfDisks(diskIds: string[]): Promise<EntityIds> {
  if (!diskIds.length) return { vms: [], templates: [], disks: [] };
  const disks = await db.disk.findMany({ where: { id: { in: diskIds } }, select: { id: true, attachments: { select: { vmId: true, templateId: true } } } });
  return {
    vms: disks.flatMap((d) => d.attachments.flatMap((a) => (a.vmId ? [a.vmId] : []))),
    templates: disks.flatMap((d) => d.attachments.flatMap((a) => (a.templateId ? [a.templateId] : []))),
    disks: disks.filter((d) => !d.attachments.length).map((d) => d.id),
  };
}
