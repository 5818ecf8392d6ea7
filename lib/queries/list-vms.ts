import "server-only";
import { db, searchWhere } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/actor";
import { vmWhere } from "@/lib/auth/visibility";
import { pageWindow, searchConditions, type ListParams } from "./pagination";

const sortable: Record<string, (order: Prisma.SortOrder) => Prisma.VmOrderByWithRelationInput> = {
  name: (order) => ({ name: order }),
  status: (order) => ({ status: order }),
  cpus: (order) => ({ cpus: order }),
  memoryMb: (order) => ({ memoryMb: order }),
  createdAt: (order) => ({ createdAt: order }),
};

async function pageQuery(params: ListParams, actor: Actor) {
  const where: Prisma.VmWhereInput = { AND: [searchWhere("name", searchConditions(params.q)), await vmWhere(actor)] };
  return { where, orderBy: [(sortable[params.sort ?? ""] ?? sortable.name)(params.order), { id: params.order }], ...pageWindow(params) };
}

/** One page of VM rows alone, as the REST collection serializes them (no total, no disk sums). */
export async function vmPage(params: ListParams, actor: Actor) {
  return db.vm.findMany(await pageQuery(params, actor));
}

/** The VMs tab's page: rows with their template, disk count and size, and the total. */
export async function listVms(params: ListParams, actor: Actor) {
  const { where, ...page } = await pageQuery(params, actor);
  const [rows, total] = await Promise.all([
    db.vm.findMany({
      where,
      ...page,
      include: { template: { select: { id: true, name: true } }, attachments: { select: { disk: { select: { provisionedSize: true } } } } },
    }),
    db.vm.count({ where }),
  ]);
  return {
    total,
    rows: rows.map(({ attachments, ...vm }) => ({
      ...vm,
      diskCount: attachments.length,
      totalSize: attachments.reduce((sum, a) => sum + Number(a.disk.provisionedSize), 0),
    })),
  };
}
export type VmRow = Awaited<ReturnType<typeof listVms>>["rows"][number];

/** One VM, or 404 when it does not exist or the actor may not see it. */
export async function getVm(id: string, actor: Actor) {
  const vm = await db.vm.findFirst({
    where: { AND: [{ id }, await vmWhere(actor)] },
    include: { template: { select: { id: true, name: true } }, cluster: true, snapshots: { orderBy: { createdAt: "asc" } } },
  });
  if (!vm) throw new AppError("NOT_FOUND", `VM ${id} doesn't exist.`);
  return vm;
}
