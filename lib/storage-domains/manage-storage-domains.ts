import "server-only";
import { syncOvfStore } from "@/lib/ovf-store/update-ovf-store";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events";
import { parseInput } from "@/lib/schemas/parse";
import { addStorageDomainSchema, setStorageDomainStatusSchema, updateStorageDomainSchema, type AddStorageDomainInput, type UpdateStorageDomainInput } from "@/lib/schemas/storage-domain";
import { loadStorageDomain } from "@/lib/entities/load";
import { initDomainDirectory } from "@/lib/storage/driver";
import { DomainUnavailableError } from "@/lib/storage/domain-identity";
import { domainScopes, requirePermission } from "@/lib/auth/authorize";
import { requireUsablePath } from "./domain-path";
import { verifyDomain } from "./domain-health";
import { settleDomainTrash } from "./settle-domain-trash";

/**
 * Adds a storage domain on an existing, empty directory (for nfs and posixfs, the mount point of
 * its filesystem) and lays out its metadata there. Nothing is created above that directory.
 */
export async function addStorageDomain(input: AddStorageDomainInput, actor: Actor) {
  const data = parseInput(addStorageDomainSchema, input);
  const dataCenter =
    data.dataCenterId === null
      ? null
      : data.dataCenterId
        ? await db.dataCenter.findUnique({ where: { id: data.dataCenterId } })
        : await db.dataCenter.findFirst({ orderBy: { name: "asc" } });
  if (data.dataCenterId !== null && !dataCenter) throw new AppError("NOT_FOUND", "Data center doesn't exist.");
  requirePermission(actor, "manage_storage", dataCenter ? [`data_center:${dataCenter.id}`] : [], "add storage domains");
  if (await db.storageDomain.findFirst({ where: { OR: [{ name: data.name }, { path: data.path }] } })) {
    throw new AppError("CONFLICT", `A storage domain named ${data.name} or on ${data.path} already exists.`);
  }
  const id = randomUUID();
  await requireUsablePath(data.path, data.storageType, { empty: true });
  await initDomainDirectory({ id, path: data.path, name: data.name, type: data.type });
  return db.$transaction(async (tx) => {
    const { dataCenterId: _ignored, ...fields } = data;
    const domain = await tx.storageDomain.create({ data: { ...fields, id, status: dataCenter ? "active" : "unattached", dataCenterId: dataCenter?.id ?? null } });
    await recordEvent(tx, actor, { action: "add_storage_domain", message: `Storage domain ${data.name} (${data.type}, ${data.storageType}) added on ${data.path}.`, objectType: "storage_domain", objectId: id });
    return domain;
  });
}

/**
 * Activates a domain (after verifying it is there and is itself) or puts it into maintenance
 * (refused while a job holds one of its disks or a VM that is not down uses it).
 */
export async function setStorageDomainStatus(input: { storageDomainId: string; status: "active" | "maintenance" }, actor: Actor) {
  const data = parseInput(setStorageDomainStatusSchema, input);
  const domain = await loadStorageDomain(data.storageDomainId);
  requirePermission(actor, "manage_storage", await domainScopes(domain.id), `manage storage domain ${domain.name}`);
  if (!domain.dataCenterId) throw new AppError("CONFLICT", `Cannot change storage domain ${domain.name}. It is not attached to a data center; attach it first.`);
  if (data.status === "active") {
    await verifyDomain(domain).catch((error) => {
      if (!(error instanceof DomainUnavailableError)) throw error;
      throw new AppError("STORAGE_DOMAIN_INACTIVE", `Cannot activate storage domain ${domain.name}: ${error.message}.`);
    });
    // No job used it while it was away; one may have trashed volumes just before (see trash.ts).
    if (domain.status !== "active") await settleDomainTrash(domain);
  }
  if (data.status === "maintenance") {
    const busy = await db.disk.count({ where: { lockJobId: { not: null }, volumes: { some: { storageDomainId: domain.id } } } });
    if (busy) throw new AppError("CONFLICT", `Cannot move storage domain ${domain.name} to maintenance. ${busy} of its disks are locked by running operations.`);
    // Running and suspended VMs alike: a suspended VM's saved state expects its disks, and its
    // memory volume may sit here too.
    const memoryDisks = (await db.disk.findMany({ where: { contentType: "memory_dump", volumes: { some: { storageDomainId: domain.id } } }, select: { id: true } })).map((d) => d.id);
    const users = await db.vm.findMany({
      where: {
        status: { not: "down" },
        OR: [{ attachments: { some: { disk: { volumes: { some: { storageDomainId: domain.id } } } } } }, { memoryDiskId: { in: memoryDisks } }],
      },
      select: { name: true, status: true },
      orderBy: { name: "asc" },
    });
    if (users.length) {
      const list = users.map((vm) => `${vm.name} (${vm.status.replace(/_/g, " ")})`).join(", ");
      throw new AppError("CONFLICT", `Cannot move storage domain ${domain.name} to maintenance. ${users.length} VM(s) using it are not down: ${list}.`);
    }
  }
  // As oVirt does on deactivation: the OVF store describes everything on the domain before it leaves service.
  const ovfStale = data.status === "maintenance" && domain.type === "data" && domain.status === "active" ? await syncOvfStore(domain).then(() => null, (error: Error) => error.message) : null;
  return db.$transaction(async (tx) => {
    const updated = await tx.storageDomain.update({ where: { id: domain.id }, data: { status: data.status } });
    await recordEvent(tx, actor, { action: "storage_domain_status", message: `Storage domain ${domain.name} is now ${data.status}.`, objectType: "storage_domain", objectId: domain.id });
    if (ovfStale) await recordEvent(tx, actor, { action: "ovf_store_update_failed", severity: "warning", message: `The OVF store of storage domain ${domain.name} could not be updated: ${ovfStale}. Detaching it will try again.`, objectType: "storage_domain", objectId: domain.id });
    return updated;
  });
}

export async function updateStorageDomain(input: UpdateStorageDomainInput, actor: Actor) {
  const { storageDomainId, type, ...changes } = parseInput(updateStorageDomainSchema, input);
  const domain = await loadStorageDomain(storageDomainId);
  requirePermission(actor, "manage_storage", await domainScopes(domain.id), `manage storage domain ${domain.name}`);
  if (type !== undefined && type !== domain.type) {
    throw new AppError("CONFLICT", `Storage domain ${domain.name} is a ${domain.type} domain; its type cannot change to ${type}.`, { type: "cannot change" });
  }
  if (changes.name && changes.name !== domain.name && (await db.storageDomain.count({ where: { name: changes.name } }))) {
    throw new AppError("CONFLICT", `A storage domain named ${changes.name} already exists.`, { name: "Name is taken" });
  }
  return db.$transaction(async (tx) => {
    const updated = await tx.storageDomain.update({ where: { id: domain.id }, data: changes });
    await recordEvent(tx, actor, { action: "update_storage_domain", message: `Storage domain ${domain.name} updated.`, objectType: "storage_domain", objectId: domain.id });
    return updated;
  });
}
