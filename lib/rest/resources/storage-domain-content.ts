import "server-only";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { listDiskAttachments } from "@/lib/queries/disk-attachments";
import { templatesByIds, vmsByIds } from "@/lib/queries/find-by-ids";
import { getStorageDomain, templatesOnStorageDomain, vmsOnStorageDomain } from "@/lib/queries/list-storage-domains";
import { getExported, listExported } from "@/lib/transfer/exported";
import { getUnregistered, listUnregistered } from "@/lib/storage-domains/unregistered";
import type { OvfDescriptor } from "@/lib/transfer/ovf";
import type { RestQuery } from "../query";
import { limit, matchesAll, parseSearch } from "../search";
import { diskNode } from "../serialize/disk";
import { exportedDiskNode, exportedNode } from "../serialize/exported";
import { templateNode } from "../serialize/template";
import { vmNode } from "../serialize/vm";
import type { OutNode } from "../wire/tree";
import { diskNodes } from "./disks";

// What a storage domain holds. On an export domain: the VMs and templates that can be
// imported (read from its OVF files) with their disks. On a data domain: the VMs and
// templates that have a disk there, and the disks themselves.

export type Kind = "vms" | "templates";

const SEARCH_KEYS = ["name", "id"] as const;

export async function domainDiskNodes(actor: Actor, domainId: string, query: RestQuery) {
  await getStorageDomain(domainId, actor);
  return diskNodes(actor, query, { storageDomainId: domainId });
}

/** ?unregistered=true: the floating disks the domain holds to register. */
export async function unregisteredDiskNodes(actor: Actor, domainId: string, query: RestQuery) {
  await getStorageDomain(domainId, actor);
  const search = parseSearch(query.search, SEARCH_KEYS);
  const found = (await listUnregistered(domainId, "disk")).filter((ovf) => matchesAll(search, { name: ovf.name, id: ovf.id }));
  return limit(found, query.max).map((ovf) => exportedDiskNode(domainId, ovf, ovf.disks[0]));
}

async function unregisteredOwners(domainId: string, kind: Kind) {
  const found = await listUnregistered(domainId, kind === "vms" ? "vm" : "template");
  return found.map((ovf) => ({ fields: ovf, node: exportedNode(domainId, ovf as OvfDescriptor, "register") }));
}

async function dataDomainOwners(actor: Actor, domainId: string, kind: Kind) {
  if (kind === "vms") return (await vmsByIds((await vmsOnStorageDomain(domainId, actor)).map((v) => v.id))).map((vm) => ({ fields: vm, node: vmNode(vm) }));
  return (await templatesByIds((await templatesOnStorageDomain(domainId, actor)).map((t) => t.id))).map((t) => ({ fields: t, node: templateNode(t) }));
}

async function owners(actor: Actor, domainId: string, kind: Kind, unregistered = false): Promise<{ fields: { id: string; name: string }; node: OutNode }[]> {
  const domain = await getStorageDomain(domainId, actor);
  if (domain.type !== "export") return unregistered ? unregisteredOwners(domainId, kind) : dataDomainOwners(actor, domainId, kind);
  return (await listExported(domainId, kind)).map((ovf) => ({ fields: ovf, node: exportedNode(domainId, ovf) }));
}

export async function domainOwnerNodes(actor: Actor, domainId: string, kind: Kind, query: RestQuery) {
  const search = parseSearch(query.search, SEARCH_KEYS);
  const found = (await owners(actor, domainId, kind, query.unregistered)).filter((o) => matchesAll(search, { name: o.fields.name, id: o.fields.id }));
  return limit(found, query.max).map((o) => o.node);
}

export async function domainOwnerNode(actor: Actor, domainId: string, kind: Kind, id: string) {
  const domain = await getStorageDomain(domainId, actor);
  if (domain.type === "export") return exportedNode(domainId, (await getExported(domainId, kind, id)).ovf);
  const found = (await dataDomainOwners(actor, domainId, kind)).find((o) => o.fields.id === id) ?? (await unregisteredOwners(domainId, kind)).find((o) => o.fields.id === id);
  if (!found) throw new AppError("NOT_FOUND", `${kind === "vms" ? "VM" : "Template"} ${id} has no disk on storage domain ${domain.name}.`);
  return found.node;
}

/** The disks of a VM or template as this domain holds them. */
export async function domainOwnerDiskNodes(actor: Actor, domainId: string, kind: Kind, id: string) {
  const domain = await getStorageDomain(domainId, actor);
  if (domain.type === "export") {
    const { ovf } = await getExported(domainId, kind, id);
    return ovf.disks.map((d) => exportedDiskNode(domainId, ovf, d));
  }
  await domainOwnerNode(actor, domainId, kind, id);
  const unregistered = await getUnregistered(domainId, id);
  if (unregistered) return unregistered.ovf.disks.map((d) => exportedDiskNode(domainId, unregistered.ovf, d));
  const rows = await listDiskAttachments(kind === "vms" ? { vmId: id } : { templateId: id });
  return rows.filter((r) => r.disk.storageDomains.some((s) => s.id === domainId)).map((r) => diskNode(r.disk));
}

export async function domainOwnerDiskNode(actor: Actor, domainId: string, kind: Kind, id: string, diskId: string) {
  const disk = (await domainOwnerDiskNodes(actor, domainId, kind, id)).find((d) => d["@id"] === diskId);
  if (!disk) throw new AppError("NOT_FOUND", `Disk ${diskId} doesn't exist there.`);
  return disk;
}
