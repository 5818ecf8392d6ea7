import "server-only";
import { db } from "@/lib/db";
import { domainUsage } from "@/lib/storage-domains/domain-usage";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/actor";
import { storageDomainWhere, templateWhere, vmWhere } from "@/lib/auth/visibility";
import type { DomainSpace } from "@/lib/storage-domains/space-estimates";
import { globMatch, pageWindow, type ListParams } from "./pagination";

// Storage domains with their real space; small lists (tens of domains), so no pagination.

export async function listStorageDomains(actor: Actor, filter: { type?: string } = {}) {
  const domains = await db.storageDomain.findMany({ where: { AND: [filter.type ? { type: filter.type } : {}, await storageDomainWhere(actor)] }, orderBy: { name: "asc" } });
  const usage = await domainUsage(domains);
  return domains.map((d) => ({ ...d, ...usage.get(d.id)! }));
}
export type StorageDomainRow = Awaited<ReturnType<typeof listStorageDomains>>[number];

/** What the domain pickers need to know about every domain. */
export async function domainSpaces(actor: Actor): Promise<DomainSpace[]> {
  return (await listStorageDomains(actor)).map(({ id, name, type, status, freeBytes, reservedBytes, totalBytes, criticalSpaceGb, committedBytes, maxOvercommitPct }) => ({
    id,
    name,
    type,
    status,
    freeBytes,
    reservedBytes,
    totalBytes,
    criticalSpaceGb,
    committedBytes,
    maxOvercommitPct,
  }));
}

export async function getStorageDomain(id: string, actor: Actor) {
  const domain = await db.storageDomain.findFirst({ where: { AND: [{ id }, await storageDomainWhere(actor)] } });
  if (!domain) throw new AppError("NOT_FOUND", `Storage Domain ${id} doesn't exist.`);
  const usage = await domainUsage([domain]);
  return { ...domain, ...usage.get(domain.id)! };
}

/** Per domain: the VMs with disks there, with those disks and the bytes they take there. */
export async function vmsOnStorageDomain(storageDomainId: string, actor: Actor) {
  const visibleVms = await vmWhere(actor);
  const volumes = await db.volume.findMany({
    where: { storageDomainId, disk: { attachments: { some: { vmId: { not: null }, vm: visibleVms } } } },
    select: { actualSize: true, disk: { select: { id: true, alias: true, provisionedSize: true, attachments: { select: { vm: { select: { id: true, name: true, status: true } } } } } } },
  });
  const byVm = new Map<string, { id: string; name: string; status: string; disks: Map<string, string>; actualBytes: number; provisionedBytes: number }>();
  for (const volume of volumes) {
    for (const { vm } of volume.disk.attachments) {
      if (!vm) continue;
      const entry = byVm.get(vm.id) ?? { ...vm, disks: new Map(), actualBytes: 0, provisionedBytes: 0 };
      if (!entry.disks.has(volume.disk.id)) entry.provisionedBytes += Number(volume.disk.provisionedSize);
      entry.disks.set(volume.disk.id, volume.disk.alias);
      entry.actualBytes += Number(volume.actualSize);
      byVm.set(vm.id, entry);
    }
  }
  return [...byVm.values()].map((v) => ({ ...v, disks: [...v.disks.values()].sort() })).sort((a, b) => a.name.localeCompare(b.name));
}

/** Templates with a copy of at least one disk on the domain. */
export async function templatesOnStorageDomain(storageDomainId: string, actor: Actor) {
  return db.template.findMany({
    where: { AND: [{ attachments: { some: { disk: { volumes: { some: { storageDomainId } } } } } }, await templateWhere(actor)] },
    orderBy: { name: "asc" },
    select: { id: true, name: true, status: true, attachments: { select: { disk: { select: { id: true, alias: true } } } } },
  });
}

const domainSorts: Record<string, (d: StorageDomainRow) => string | number> = {
  name: (d) => d.name,
  status: (d) => d.status,
  type: (d) => d.type,
  freeBytes: (d) => d.freeBytes,
  totalBytes: (d) => d.totalBytes,
  committedBytes: (d) => d.committedBytes,
};

/**
 * The Storage tab: one page of domains, searched by name (`*` wildcards) and sorted by any
 * figure, space included. Tens of domains: filtered and sorted after their space is read.
 */
export async function storageDomainsPage(params: ListParams, actor: Actor) {
  const all = await listStorageDomains(actor);
  const matching = params.q ? all.filter((d) => globMatch(params.q!.includes("*") ? params.q! : `*${params.q}*`, d.name)) : all;
  const key = domainSorts[params.sort ?? ""] ?? domainSorts.name;
  const sign = params.order === "desc" ? -1 : 1;
  const sorted = [...matching].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return sign * (x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1);
  });
  const { skip, take } = pageWindow(params);
  return { rows: sorted.slice(skip, skip + take), total: sorted.length };
}
