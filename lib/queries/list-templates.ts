import "server-only";
import { db, searchWhere } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/actor";
import { templateWhere } from "@/lib/auth/visibility";
import { pageWindow, searchConditions, type ListParams } from "./pagination";

// Templates with each disk and every domain holding a copy of it.

const templateInclude = {
  attachments: {
    select: {
      interface: true,
      bootable: true,
      disk: { select: { id: true, alias: true, provisionedSize: true, format: true, status: true, volumes: { select: { id: true, actualSize: true, storageDomain: { select: { id: true, name: true, status: true } } } } } },
    },
  },
  _count: { select: { vms: true } },
} as const;

const sortable: Record<string, (order: Prisma.SortOrder) => Prisma.TemplateOrderByWithRelationInput> = {
  name: (order) => ({ name: order }),
  status: (order) => ({ status: order }),
  createdAt: (order) => ({ createdAt: order }),
};

export async function listTemplates(params: ListParams, actor: Actor) {
  const where = { AND: [searchWhere("name", searchConditions(params.q)), await templateWhere(actor)] };
  const [rows, total] = await Promise.all([
    db.template.findMany({ where, orderBy: [(sortable[params.sort ?? ""] ?? sortable.name)(params.order), { id: params.order }], ...pageWindow(params), include: templateInclude }),
    db.template.count({ where }),
  ]);
  return { rows, total };
}
export type TemplateRow = Awaited<ReturnType<typeof listTemplates>>["rows"][number];

export async function getTemplate(id: string, actor: Actor) {
  const template = await db.template.findFirst({ where: { AND: [{ id }, await templateWhere(actor)] }, include: { ...templateInclude, vms: { select: { id: true, name: true, status: true } } } });
  if (!template) throw new AppError("NOT_FOUND", `Template ${id} doesn't exist.`);
  return template;
}

/** Templates as the New-VM-from-template wizard needs them: each disk and the domains holding a copy. */
export async function templateChoices(actor: Actor) {
  const templates = await db.template.findMany({ where: { AND: [{ status: "ok" }, await templateWhere(actor)] }, orderBy: { name: "asc" }, include: templateInclude });
  return templates.map((t) => ({
    id: t.id,
    name: t.name,
    disks: t.attachments.map(({ disk }) => ({
      id: disk.id,
      alias: disk.alias,
      provisionedSize: Number(disk.provisionedSize),
      actualSize: Math.max(0, ...disk.volumes.map((v) => Number(v.actualSize))),
      copyDomainIds: disk.volumes.map((v) => v.storageDomain.id),
    })),
  }));
}
export type TemplateChoice = Awaited<ReturnType<typeof templateChoices>>[number];
