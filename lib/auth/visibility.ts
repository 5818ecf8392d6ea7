import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { roleGrants } from "./roles";

// Which objects a user may see: everything with a view right on the system or the data
// center; otherwise the objects they hold a permission on (and, for disks, the disks of those).

export async function visibility(actor: Actor) {
  const viewing = actor.permissions.filter((p) => roleGrants(p.role, "view"));
  const all = viewing.some((p) => p.objectType === "system" || p.objectType === "data_center");
  const ids = (type: string) => viewing.filter((p) => p.objectType === type).map((p) => p.objectId!);
  return { all, vmIds: ids("vm"), templateIds: ids("template"), storageDomainIds: ids("storage_domain") };
}

export async function vmWhere(actor: Actor): Promise<Prisma.VmWhereInput> {
  const v = await visibility(actor);
  return v.all ? {} : { id: { in: v.vmIds } };
}

export async function templateWhere(actor: Actor): Promise<Prisma.TemplateWhereInput> {
  const v = await visibility(actor);
  return v.all ? {} : { id: { in: v.templateIds } };
}

export async function storageDomainWhere(actor: Actor): Promise<Prisma.StorageDomainWhereInput> {
  const v = await visibility(actor);
  return v.all ? {} : { id: { in: v.storageDomainIds } };
}

// Up to this many visible disks are named by id; beyond, the relation filter is as fast (the
// visible disks are dense enough that a page fills after a short index scan).
const DISK_ID_LIST_MAX = 2000;

export async function diskWhere(actor: Actor): Promise<Prisma.DiskWhereInput> {
  const v = await visibility(actor);
  if (v.all) return {};
  // Only the kinds of objects the user holds roles on: an empty branch still costs a scan.
  const branches: Prisma.DiskWhereInput[] = [
    ...(v.vmIds.length ? [{ attachments: { some: { vmId: { in: v.vmIds } } } }] : []),
    ...(v.templateIds.length ? [{ attachments: { some: { templateId: { in: v.templateIds } } } }] : []),
    ...(v.storageDomainIds.length ? [{ volumes: { some: { storageDomainId: { in: v.storageDomainIds } } } }] : []),
  ];
  if (!branches.length) return { id: { in: [] } };
  // A user with roles on a few VMs sees a few disks among many: Prisma's relation filter is a
  // correlated subquery run for every disk, so look the few up through the indexes first.
  const ids = await visibleDiskIds(v);
  return ids ? { id: { in: ids } } : { OR: branches };
}

/** The disks behind the user's roles, or null when there are more than DISK_ID_LIST_MAX rows to read. */
async function visibleDiskIds(v: Awaited<ReturnType<typeof visibility>>) {
  const take = DISK_ID_LIST_MAX + 1;
  // One indexed lookup per kind of object (an OR across two columns would scan them all).
  const lookups = [
    v.vmIds.length ? db.diskAttachment.findMany({ where: { vmId: { in: v.vmIds } }, select: { diskId: true }, take }) : [],
    v.templateIds.length ? db.diskAttachment.findMany({ where: { templateId: { in: v.templateIds } }, select: { diskId: true }, take }) : [],
    v.storageDomainIds.length ? db.volume.findMany({ where: { storageDomainId: { in: v.storageDomainIds } }, select: { diskId: true }, take }) : [],
  ];
  const found = await Promise.all(lookups);
  if (found.some((rows) => rows.length === take)) return null;
  return [...new Set(found.flat().map((row) => row.diskId))];
}
