import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events";
import { loadStorageDomain, requireFreeName, resolveClusterId } from "@/lib/entities/load";
import { parseInput } from "@/lib/schemas/parse";
import { registerEntitySchema, type RegisterEntityInput } from "@/lib/schemas/storage-domain";
import { clusterScopes, requireDiskCreation, requirePermission, templateScopes, vmScopes } from "@/lib/auth/authorize";
import { allocatedBytes } from "@/lib/storage/driver";
import { volumePath } from "@/lib/storage/layout";
import { readVolumeMeta } from "@/lib/storage/volume-meta";
import type { OvfDescriptor, OvfDisk, OvfKind, OvfVolume } from "@/lib/transfer/ovf";
import { updateOvfsQuietly } from "@/lib/ovf-store/update-ovf-store";
import { requireDomainsVerified } from "./domain-health";
import { getUnregistered, volumesOn } from "./unregistered";

// Registering brings a VM, template or floating disk back from an attached data domain, its disks
// where they are: nothing is copied. Each disk comes back with its volumes on every active domain
// that holds them (a VM with disks on three domains returns whole once the three are attached); a
// VM or template still in the portal (it kept disks on other domains when this one was detached)
// gets back the disks it had here. Disks on domains that are not attached are left out only when
// the caller allows a partial import.

const KIND = { vm: "VM", template: "template", disk: "disk" } as const;

type DomainRow = Awaited<ReturnType<typeof loadStorageDomain>>;

interface VolumeToAdd {
  volume: OvfVolume;
  domain: DomainRow;
  path: string;
  capacity: number;
}

/** A group of volumes (one disk's chain on one domain) as it comes back, or why it cannot. */
async function readGroup(group: OvfVolume[], disk: OvfDisk, domains: Map<string, DomainRow>, registered: Set<string>): Promise<{ why: string } | { volumes: VolumeToAdd[] }> {
  const domain = domains.get(group[0].storageDomainId);
  if (!domain) return { why: `its storage domain ${group[0].storageDomainId} is not attached and active` };
  const own = new Set(group.map((v) => v.id));
  const base = group.find((v) => v.parentId && !own.has(v.parentId));
  if (base && !registered.has(base.parentId!)) return { why: "it is thin on a template that is not registered; register the template first" };
  const volumes: VolumeToAdd[] = [];
  for (const volume of group) {
    const path = volumePath(domain, disk.diskId, volume.id);
    const meta = await readVolumeMeta(path).catch(() => null);
    if (!meta) return { why: `volume ${volume.id} is not on storage domain ${domain.name}` };
    if (meta.legality !== "LEGAL") return { why: `volume ${volume.id} on storage domain ${domain.name} is incomplete` };
    volumes.push({ volume, domain, path, capacity: meta.sizeBytes });
  }
  return { volumes };
}

/** What comes back of each disk: the volumes to add, and the disks that cannot, with why. */
async function planDisks(ovf: OvfDescriptor<OvfKind>, domains: Map<string, DomainRow>) {
  const allIds = ovf.disks.flatMap((d) => (d.volumes ?? []).flatMap((v) => [v.id, ...(v.parentId ? [v.parentId] : [])]));
  const registered = new Set((await db.volume.findMany({ where: { id: { in: allIds } }, select: { id: true } })).map((v) => v.id));
  const existingDisks = new Set((await db.disk.findMany({ where: { id: { in: ovf.disks.map((d) => d.diskId) } }, select: { id: true } })).map((d) => d.id));
  const add = new Map<string, VolumeToAdd[]>();
  const missing: { disk: OvfDisk; why: string }[] = [];
  for (const disk of ovf.disks) {
    const byDomain = new Map<string, OvfVolume[]>();
    for (const volume of disk.volumes ?? []) byDomain.set(volume.storageDomainId, [...(byDomain.get(volume.storageDomainId) ?? []), volume]);
    const reasons: string[] = [];
    for (const group of byDomain.values()) {
      if (group.every((v) => registered.has(v.id))) continue;
      const read = await readGroup(group, disk, domains, registered);
      if ("why" in read) reasons.push(read.why);
      else add.set(disk.diskId, [...(add.get(disk.diskId) ?? []), ...read.volumes]);
    }
    if (!add.has(disk.diskId) && !existingDisks.has(disk.diskId)) missing.push({ disk, why: reasons.join("; ") || "it has no volume" });
  }
  return { add, missing, existingDisks };
}

export async function registerEntity(input: RegisterEntityInput, actor: Actor) {
  const data = parseInput(registerEntitySchema, input);
  const domain = await loadStorageDomain(data.storageDomainId);
  const found = await getUnregistered(domain.id, data.entityId);
  if (!found) throw new AppError("NOT_FOUND", `Storage domain ${domain.name} holds no unregistered VM, template or disk ${data.entityId}.`);
  const { ovf } = found;
  const action = `register ${KIND[ovf.kind]} ${ovf.name}`;
  if (domain.type !== "data" || domain.status !== "active" || !domain.dataCenterId) throw new AppError("CONFLICT", `Cannot ${action}. Storage domain ${domain.name} is ${domain.status}; attach and activate it first.`);

  const otherIds = [...new Set(ovf.disks.flatMap((d) => (d.volumes ?? []).map((v) => v.storageDomainId)))];
  const active = await db.storageDomain.findMany({ where: { id: { in: otherIds }, type: "data", status: "active", dataCenterId: domain.dataCenterId } });
  const domains = new Map(active.map((d) => [d.id, d]));
  const { add, missing, existingDisks } = await planDisks(ovf, domains);
  if (missing.length && !data.allowPartialImport) {
    const list = missing.map((m) => `${m.disk.alias} (${m.why})`).join(", ");
    throw new AppError("CONFLICT", `Cannot ${action}. ${missing.length} of its disks cannot come back: ${list}. Attach their storage domains first, or allow a partial import.`);
  }
  if (!add.size) throw new AppError("CONFLICT", `Cannot ${action}. Nothing of it is left to register on storage domain ${domain.name}.`);
  const touched = [...new Set([...add.values()].flat().map((v) => v.domain))];
  await requireDomainsVerified(touched.map((d) => d.id), action);
  await requireDiskCreation(actor, touched);

  const owner = ovf.kind === "vm" ? await db.vm.findUnique({ where: { id: ovf.id } }) : ovf.kind === "template" ? await db.template.findUnique({ where: { id: ovf.id } }) : null;
  const name = data.name ?? ovf.name;
  let clusterId: string | null = null;
  if (ovf.kind !== "disk" && !owner) {
    await requireFreeName(ovf.kind, name);
    clusterId = await resolveClusterId(data.clusterId);
    requirePermission(actor, ovf.kind === "vm" ? "create_vm" : "create_template", await clusterScopes(clusterId), ovf.kind === "vm" ? "create VMs" : "create templates");
  }
  if (owner) {
    // Its disks come back into a VM or template that is still here: it must be free to change.
    requirePermission(actor, ovf.kind === "vm" ? "operate_vm" : "manage_template", ovf.kind === "vm" ? await vmScopes(owner.id) : await templateScopes(owner.id), `change ${KIND[ovf.kind]} ${owner.name}`);
    if (owner.lockJobId || (ovf.kind === "vm" && owner.status !== "down")) throw new AppError("CONFLICT", `Cannot ${action}. ${owner.name} is ${owner.lockJobId ? "locked by an operation" : owner.status.replace(/_/g, " ")}; its disks come back while it is down and free.`);
  }
  const sizes = new Map<string, number>();
  for (const volume of [...add.values()].flat()) sizes.set(volume.volume.id, await allocatedBytes(volume.path));

  const brought = ovf.disks.filter((d) => add.has(d.diskId));
  // It keeps the creation time its descriptor recorded (an image found without one has none).
  const described = new Date(ovf.exportedAt);
  const createdAt = described.getTime() > 0 ? described : new Date();
  await db
    .$transaction(async (tx) => {
      const row = { id: ovf.id, name, description: ovf.description, cpus: ovf.cpus, memoryMb: ovf.memoryMb, clusterId: clusterId!, createdAt };
      if (ovf.kind === "vm" && !owner) {
        const templateId = ovf.templateId && (await tx.template.count({ where: { id: ovf.templateId } })) ? ovf.templateId : null;
        await tx.vm.create({ data: { ...row, status: "down", templateId } });
      }
      if (ovf.kind === "template" && !owner) await tx.template.create({ data: { ...row, status: "ok" } });
      if (ovf.kind === "vm") {
        const needed = new Set(brought.flatMap((d) => add.get(d.diskId)!.flatMap((v) => (v.volume.snapshotId ? [v.volume.snapshotId] : []))));
        const have = new Set((await tx.snapshot.findMany({ where: { id: { in: [...needed] } }, select: { id: true } })).map((s) => s.id));
        for (const snapshot of ovf.snapshots ?? []) {
          if (needed.has(snapshot.id) && !have.has(snapshot.id)) await tx.snapshot.create({ data: { id: snapshot.id, vmId: ovf.id, description: snapshot.description, createdAt: new Date(snapshot.createdAt) } });
        }
      }
      for (const disk of brought) {
        if (!existingDisks.has(disk.diskId)) {
          await tx.disk.create({ data: { id: disk.diskId, createdAt, alias: disk.alias, description: disk.description, provisionedSize: BigInt(disk.provisionedSize), format: disk.format, allocation: disk.allocation } });
          if (ovf.kind !== "disk") {
            const owner = ovf.kind === "vm" ? { vmId: ovf.id } : { templateId: ovf.id };
            await tx.diskAttachment.create({ data: { id: randomUUID(), diskId: disk.diskId, ...owner, interface: disk.interface, bootable: disk.bootable, active: ovf.kind === "template" || disk.active !== false } });
          }
        }
        for (const { volume, domain: on, capacity } of add.get(disk.diskId)!) {
          await tx.volume.create({
            data: { id: volume.id, diskId: disk.diskId, storageDomainId: on.id, parentId: volume.parentId, format: volume.format, actualSize: BigInt(sizes.get(volume.id)!), capacity: BigInt(capacity), leaf: volume.leaf, snapshotId: volume.snapshotId },
          });
        }
      }
      const left = missing.length ? ` ${missing.length} disk(s) left out: ${missing.map((m) => m.disk.alias).join(", ")}.` : "";
      await recordEvent(tx, actor, {
        action: `register_${ovf.kind}`,
        message: `${KIND[ovf.kind][0].toUpperCase()}${KIND[ovf.kind].slice(1)} ${name} registered from storage domain ${domain.name}${owner ? " (it was still in the portal: its disks there were added back)" : ""}, with ${brought.length} disk(s) where they are: ${brought.map((d) => d.alias).join(", ")}.${left}`,
        objectType: ovf.kind,
        objectId: ovf.id,
      });
    })
    .catch((error) => {
      // Two registrations of one object at once: the second finds its rows made.
      if ((error as { code?: string }).code === "P2002") throw new AppError("CONFLICT", `Cannot ${action}. It was registered meanwhile.`);
      throw error;
    });

  await settleUnregistered(ovf);
  await updateOvfsQuietly({ vms: ovf.kind === "vm" ? [ovf.id] : [], templates: ovf.kind === "template" ? [ovf.id] : [], disks: ovf.kind === "disk" ? [ovf.id] : [] });
  return { id: ovf.id, kind: ovf.kind, name, diskIds: brought.map((d) => d.diskId), missing: missing.map((m) => ({ diskId: m.disk.diskId, alias: m.disk.alias, why: m.why })) };
}

/** Drops the object from each domain's unregistered list once all its volumes there are registered. */
async function settleUnregistered(ovf: OvfDescriptor<OvfKind>) {
  const rows = await db.unregisteredEntity.findMany({ where: { entityId: ovf.id }, select: { id: true, storageDomainId: true } });
  for (const row of rows) {
    const ids = volumesOn(ovf, row.storageDomainId).map((v) => v.volume.id);
    const registered = await db.volume.count({ where: { id: { in: ids } } });
    if (registered === ids.length) await db.unregisteredEntity.delete({ where: { id: row.id } }).catch(() => undefined);
  }
}
