import "server-only";
import { randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { imagesDir, volumePath, type DomainLocation } from "@/lib/storage/layout";
import { readVolumeMeta, type VolumeMeta } from "@/lib/storage/volume-meta";
import { buildOvf, parseOvf, type OvfDescriptor, type OvfKind } from "@/lib/transfer/ovf";
import { readStoredOvf, storedOvfIds } from "@/lib/ovf-store/ovf-store-files";

// What an attached data domain holds that the portal does not: the VMs, templates and floating
// disks its OVF store describes with a volume here the database lacks, and disk images no
// descriptor names (an OVF store that fell behind), offered as floating disks. Read once when the
// domain is attached (oVirt's unregistered_ovf_of_entities), kept until registered or detached.

type EntityType = "vm" | "template" | "disk";

/** The volumes of the descriptor that live on this domain. */
export function volumesOn(ovf: OvfDescriptor<OvfKind>, storageDomainId: string) {
  return ovf.disks.flatMap((disk) => (disk.volumes ?? []).filter((v) => v.storageDomainId === storageDomainId).map((volume) => ({ disk, volume })));
}

async function descriptorsInStore(domain: DomainLocation) {
  const found: OvfDescriptor<OvfKind>[] = [];
  for (const id of await storedOvfIds(domain)) {
    const xml = await readStoredOvf(domain, id);
    if (!xml) continue;
    try {
      found.push(parseOvf(xml));
    } catch (error) {
      console.error(`storage domain ${domain.id}: OVF of ${id} does not parse`, error);
    }
  }
  return found;
}

/** A floating disk rebuilt from its volumes' metadata alone: every volume legal, one chain. */
async function orphanDisk(domain: DomainLocation, diskId: string): Promise<OvfDescriptor<OvfKind> | null> {
  const names = (await readdir(path.join(imagesDir(domain), diskId)).catch(() => [] as string[])).filter((n) => !n.includes("."));
  const metas: VolumeMeta[] = [];
  for (const name of names) {
    const meta = await readVolumeMeta(volumePath(domain, diskId, name)).catch(() => null);
    if (meta?.legality !== "LEGAL" || meta.diskId !== diskId) return null; // incomplete: never offered
    metas.push(meta);
  }
  const leaves = metas.filter((m) => !metas.some((other) => other.parent === m.volumeId));
  if (leaves.length !== 1) return null;
  const leaf = leaves[0];
  const alias = `unregistered-${diskId.slice(0, 8)}`;
  return {
    kind: "disk",
    id: diskId,
    name: alias,
    description: "",
    cpus: 0,
    memoryMb: 0,
    exportedAt: new Date(0).toISOString(),
    disks: [
      {
        diskId,
        volumeId: leaf.volumeId,
        alias,
        description: "Found on the storage domain without a descriptor",
        provisionedSize: leaf.sizeBytes,
        actualSize: 0,
        format: leaf.format,
        allocation: leaf.format === "qcow2" ? "thin" : "preallocated",
        interface: "virtio",
        bootable: false,
        volumes: metas.map((m) => ({ id: m.volumeId, parentId: m.parent, format: m.format, storageDomainId: domain.id, snapshotId: null, leaf: m === leaf })),
      },
    ],
  };
}

/** Reads the domain's store and images into the unregistered list, replacing what was there. */
export async function readUnregistered(domain: DomainLocation) {
  const descriptors = await descriptorsInStore(domain);
  const named = new Set(descriptors.flatMap((d) => d.disks.map((disk) => disk.diskId)));
  const dirs = await readdir(imagesDir(domain)).catch(() => [] as string[]);
  const known = new Set((await db.disk.findMany({ where: { id: { in: dirs } }, select: { id: true } })).map((d) => d.id));
  for (const diskId of dirs.filter((id) => !named.has(id) && !known.has(id))) {
    const orphan = await orphanDisk(domain, diskId);
    if (orphan) descriptors.push(orphan);
  }
  const volumeIds = descriptors.flatMap((d) => volumesOn(d, domain.id).map((v) => v.volume.id));
  const registered = new Set((await db.volume.findMany({ where: { id: { in: volumeIds } }, select: { id: true } })).map((v) => v.id));
  const unregistered = descriptors.filter((d) => volumesOn(d, domain.id).some((v) => !registered.has(v.volume.id)));
  await db.$transaction(async (tx) => {
    await tx.unregisteredEntity.deleteMany({ where: { storageDomainId: domain.id } });
    for (const ovf of unregistered) {
      await tx.unregisteredEntity.create({ data: { id: randomUUID(), storageDomainId: domain.id, entityId: ovf.id, entityType: ovf.kind, name: ovf.name, ovf: buildOvf(ovf) } });
    }
  });
  return unregistered.length;
}

export async function listUnregistered(storageDomainId: string, entityType: EntityType) {
  const rows = await db.unregisteredEntity.findMany({ where: { storageDomainId, entityType }, orderBy: { name: "asc" } });
  return rows.map((row) => ({ ...parseOvf(row.ovf), registeringFrom: storageDomainId }));
}

export async function getUnregistered(storageDomainId: string, entityId: string) {
  const row = await db.unregisteredEntity.findUnique({ where: { storageDomainId_entityId: { storageDomainId, entityId } } });
  return row ? { row, ovf: parseOvf(row.ovf) } : null;
}

/** Disk ids the domain's unregistered objects own: their files are not strangers to the monitor. */
export async function unregisteredDiskIds(storageDomainId: string) {
  const rows = await db.unregisteredEntity.findMany({ where: { storageDomainId }, select: { ovf: true } });
  return new Set(rows.flatMap((row) => parseOvf(row.ovf).disks.map((d) => d.diskId)));
}
