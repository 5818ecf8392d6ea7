import "server-only";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events";
import { loadStorageDomain } from "@/lib/entities/load";
import { parseInput } from "@/lib/schemas/parse";
import { attachStorageDomainSchema, detachStorageDomainSchema, importStorageDomainSchema, removeStorageDomainSchema, type ImportStorageDomainInput } from "@/lib/schemas/storage-domain";
import { DomainUnavailableError, readDomainMetadata } from "@/lib/storage/domain-identity";
import { domainScopes, requirePermission } from "@/lib/auth/authorize";
import { requireUsablePath } from "./domain-path";
import { verifyDomain } from "./domain-health";
import { syncOvfStore, updateOvfsQuietly } from "@/lib/ovf-store/update-ovf-store";
import { removeDomainEntities } from "./remove-domain-entities";
import { readUnregistered } from "./unregistered";

// oVirt's domain lifecycle: maintenance → detach → remove, and import (attach an existing domain
// found at a path, identified by its own metadata) → attach → active.

async function requireVerified(domain: Parameters<typeof verifyDomain>[0], action: string) {
  await verifyDomain(domain).catch((error) => {
    if (!(error instanceof DomainUnavailableError)) throw error;
    throw new AppError("STORAGE_DOMAIN_INACTIVE", `Cannot ${action}. Storage domain ${domain.name} is not usable: ${error.message}.`);
  });
}

/** Registers the domain whose metadata lies under `path` (unattached), and attaches it when a data center is given. */
export async function importStorageDomain(input: ImportStorageDomainInput, actor: Actor) {
  const data = parseInput(importStorageDomainSchema, input);
  requirePermission(actor, "manage_storage", data.dataCenterId ? [`data_center:${data.dataCenterId}`] : [], "import storage domains");
  const entries = await requireUsablePath(data.path, data.storageType, { empty: false });
  const found = [];
  for (const entry of entries) {
    const meta = await readDomainMetadata(path.join(data.path, entry)).catch(() => null);
    if (meta?.id === entry) found.push(meta);
  }
  if (found.length !== 1) {
    const why = found.length ? `it holds ${found.length} storage domains (${found.map((f) => f.id).join(", ")})` : "no storage domain metadata (<uuid>/dom_md/metadata) was found there";
    throw new AppError("VALIDATION", `Cannot import a storage domain from ${data.path}: ${why}.`, { path: why });
  }
  const [meta] = found;
  const clash = await db.storageDomain.findFirst({ where: { OR: [{ id: meta.id }, { name: meta.name }, { path: data.path }] } });
  if (clash) throw new AppError("CONFLICT", `Cannot import storage domain ${meta.name} (${meta.id}): storage domain ${clash.name} already ${clash.id === meta.id ? "is that domain" : clash.path === data.path ? `uses ${data.path}` : "has that name"}.`);
  if (!["data", "export", "iso"].includes(meta.type)) throw new AppError("VALIDATION", `Cannot import storage domain ${meta.name}: unknown type ${meta.type}.`);
  const domain = await db.$transaction(async (tx) => {
    const created = await tx.storageDomain.create({ data: { id: meta.id, name: meta.name, type: meta.type, storageType: data.storageType, path: data.path, status: "unattached" } });
    await recordEvent(tx, actor, { action: "import_storage_domain", message: `Storage domain ${meta.name} (${meta.type}) imported from ${data.path}.`, objectType: "storage_domain", objectId: meta.id });
    return created;
  });
  return data.dataCenterId ? attachStorageDomain({ storageDomainId: domain.id, dataCenterId: data.dataCenterId }, actor) : domain;
}

/** Attaches an unattached domain to a data center and activates it once it verifies. */
export async function attachStorageDomain(input: { storageDomainId: string; dataCenterId: string }, actor: Actor) {
  const data = parseInput(attachStorageDomainSchema, input);
  const domain = await loadStorageDomain(data.storageDomainId);
  const dataCenter = await db.dataCenter.findUnique({ where: { id: data.dataCenterId } });
  if (!dataCenter) throw new AppError("NOT_FOUND", `Data center ${data.dataCenterId} doesn't exist.`);
  requirePermission(actor, "manage_storage", [`data_center:${dataCenter.id}`], `attach storage domains to data center ${dataCenter.name}`);
  const action = `attach storage domain ${domain.name}`;
  if (domain.dataCenterId) throw new AppError("CONFLICT", `Cannot ${action}. It is already attached to a data center.`);
  await requireVerified(domain, action);
  const attached = await db.$transaction(async (tx) => {
    const { count } = await tx.storageDomain.updateMany({ where: { id: domain.id, dataCenterId: null }, data: { dataCenterId: dataCenter.id, status: "active", lastError: null } });
    if (!count) throw new AppError("CONFLICT", `Cannot ${action}. It changed meanwhile.`);
    await recordEvent(tx, actor, { action: "attach_storage_domain", message: `Storage domain ${domain.name} attached to data center ${dataCenter.name} and active.`, objectType: "storage_domain", objectId: domain.id });
    return tx.storageDomain.findUniqueOrThrow({ where: { id: domain.id } });
  });
  if (domain.type === "data") await listUnregisteredOnAttach(attached, actor);
  return attached;
}

/** What the attached domain holds that the portal does not becomes the VM, Template and Disk Import lists. */
async function listUnregisteredOnAttach(domain: { id: string; name: string; path: string }, actor: Actor) {
  const found = await readUnregistered(domain).catch((error) => {
    console.error(`storage domain ${domain.name}: reading its OVF store failed`, error);
    return null;
  });
  if (!found) return;
  await recordEvent(db, actor, {
    action: "storage_domain_unregistered",
    message: `Storage domain ${domain.name} holds ${found} VM(s), template(s) or disk(s) to register (its Import tabs).`,
    objectType: "storage_domain",
    objectId: domain.id,
  });
}

/** What still lives on a domain, as one phrase ("3 disks, 1 template disk copy"), or null. */
async function contentsOf(storageDomainId: string) {
  const volumes = await db.volume.findMany({ where: { storageDomainId, leaf: true }, select: { disk: { select: { contentType: true, attachments: { select: { templateId: true } } } } } });
  const memory = volumes.filter((v) => v.disk.contentType === "memory_dump").length;
  const templates = volumes.filter((v) => v.disk.attachments.some((a) => a.templateId)).length;
  const disks = volumes.length - memory - templates;
  const parts = [disks && `${disks} disk(s)`, templates && `${templates} template disk copy(ies)`, memory && `${memory} memory volume(s)`].filter(Boolean);
  return parts.length ? parts.join(", ") : null;
}

/**
 * Detaches a domain in maintenance. What it holds leaves the portal with it (remove-domain-entities.ts),
 * described in its OVF store, which is brought fully in line first: a domain that cannot be written
 * keeps its contents attached.
 */
export async function detachStorageDomain(input: { storageDomainId: string }, actor: Actor) {
  const data = parseInput(detachStorageDomainSchema, input);
  const domain = await loadStorageDomain(data.storageDomainId);
  requirePermission(actor, "manage_storage", await domainScopes(domain.id), `manage storage domain ${domain.name}`);
  const action = `detach storage domain ${domain.name}`;
  if (!domain.dataCenterId) throw new AppError("CONFLICT", `Cannot ${action}. It is not attached.`);
  if (domain.status !== "maintenance") throw new AppError("CONFLICT", `Cannot ${action}. It is ${domain.status}; put it into maintenance first.`);
  const contents = await contentsOf(domain.id);
  if (contents) {
    const locked = await db.disk.count({ where: { lockJobId: { not: null }, volumes: { some: { storageDomainId: domain.id } } } });
    if (locked) throw new AppError("CONFLICT", `Cannot ${action}. ${locked} of its disks are locked by running operations.`);
    await requireVerified(domain, action);
    await syncOvfStore(domain).catch((error) => {
      throw new AppError("CONFLICT", `Cannot ${action}. Its OVF store could not be written (${error instanceof Error ? error.message : error}); what it holds stays attached.`);
    });
  }
  const { detached, removed } = await db.$transaction(async (tx) => {
    const { count } = await tx.storageDomain.updateMany({ where: { id: domain.id, status: "maintenance" }, data: { dataCenterId: null, status: "unattached" } });
    if (!count) throw new AppError("CONFLICT", `Cannot ${action}. It changed meanwhile.`);
    const removed = await removeDomainEntities(tx, domain.id);
    await tx.unregisteredEntity.deleteMany({ where: { storageDomainId: domain.id } });
    const gone = [removed.vms.length && `${removed.vms.length} VM(s)`, removed.templates.length && `${removed.templates.length} template(s)`, removed.disks.length && `${removed.disks.length} disk(s)`].filter(Boolean).join(", ");
    const message = gone
      ? `Storage domain ${domain.name} detached. ${gone} left the portal with it; its OVF store describes them for registering wherever it is attached next.${removed.shrunk.length ? ` ${removed.shrunk.length} VM(s) or template(s) with disks on other domains stay, without their disks here.` : ""}`
      : `Storage domain ${domain.name} detached.`;
    await recordEvent(tx, actor, { action: "detach_storage_domain", message, objectType: "storage_domain", objectId: domain.id });
    return { detached: await tx.storageDomain.findUniqueOrThrow({ where: { id: domain.id } }), removed };
  });
  // The ones that stay are described again on their other domains, without the disks they lost.
  if (removed.shrunk.length) await updateOvfsQuietly({ vms: removed.shrunk, templates: removed.shrunk, disks: [] });
  return detached;
}

/** Removes a detached domain from the portal; with `format`, also its folder on storage (once verified to be it). */
export async function removeStorageDomain(input: { storageDomainId: string; format?: boolean }, actor: Actor) {
  const data = parseInput(removeStorageDomainSchema, input);
  const domain = await loadStorageDomain(data.storageDomainId);
  requirePermission(actor, "manage_storage", await domainScopes(domain.id), `remove storage domain ${domain.name}`);
  const action = `remove storage domain ${domain.name}`;
  if (domain.dataCenterId) throw new AppError("CONFLICT", `Cannot ${action}. It is attached to a data center; put it into maintenance and detach it first.`);
  const contents = await contentsOf(domain.id);
  if (contents) throw new AppError("CONFLICT", `Cannot ${action}. It still holds ${contents}.`);
  if (data.format) {
    await requireVerified(domain, action);
    await rm(path.join(domain.path, domain.id), { recursive: true, force: true });
  }
  await db.$transaction(async (tx) => {
    await tx.permission.deleteMany({ where: { objectType: "storage_domain", objectId: domain.id } });
    await tx.storageCleanup.deleteMany({ where: { storageDomainId: domain.id } });
    await tx.storageDomain.delete({ where: { id: domain.id } });
    await recordEvent(tx, actor, { action: "remove_storage_domain", message: `Storage domain ${domain.name} removed${data.format ? `; its folder ${path.join(domain.path, domain.id)} was deleted` : `; its files stay on ${domain.path}`}.`, objectType: "storage_domain", objectId: domain.id });
  });
  const left = await readdir(domain.path).catch(() => [] as string[]);
  return { removed: domain.id, pathEntries: left.length };
}
