import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/actor";
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

export async function diskWhere(actor: Actor): Promise<Prisma.DiskWhereInput> {
  const v = await visibility(actor);
  if (v.all) return {};
  return {
    OR: [
      { attachments: { some: { vmId: { in: v.vmIds } } } },
      { attachments: { some: { templateId: { in: v.templateIds } } } },
      { volumes: { some: { storageDomainId: { in: v.storageDomainIds } } } },
    ],
  };
}
