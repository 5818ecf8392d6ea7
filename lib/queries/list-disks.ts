import "server-only";
import { db, searchWhere } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/actor";
import { diskWhere } from "@/lib/auth/visibility";
import { pageWindow, searchConditions, type ListParams } from "./pagination";
import { diskProgress } from "@/lib/jobs/disk-progress";
import { parsePlan } from "@/lib/jobs/plan";

// The Disks list: one page plus a count, with each disk's domain(s), owner and job progress.

export interface DiskFilter {
  storageDomainId?: string;
  vmId?: string;
  /** Disks of any of these VMs (the placement map's page of VMs). */
  vmIds?: string[];
  templateId?: string;
  floating?: boolean;
}

const sortable: Record<string, (order: Prisma.SortOrder) => Prisma.DiskOrderByWithRelationInput> = {
  alias: (order) => ({ alias: order }),
  provisionedSize: (order) => ({ provisionedSize: order }),
  status: (order) => ({ status: order }),
  createdAt: (order) => ({ createdAt: order }),
};

export const diskRowInclude = {
  volumes: { select: { id: true, leaf: true, actualSize: true, format: true, storageDomainId: true, storageDomain: { select: { id: true, name: true } } } },
  attachments: { select: { vmId: true, templateId: true, interface: true, bootable: true, active: true, vm: { select: { id: true, name: true, status: true } }, template: { select: { id: true, name: true } } } },
} satisfies Prisma.DiskInclude;

/** One page of disks and, unless `withTotal` is false (a REST collection has no use for it), their count. */
export async function listDisks(params: ListParams, filter: DiskFilter, actor: Actor, { withTotal = true } = {}) {
  // A suspended VM's memory volume is its own (oVirt lists it on the VM), though not attached.
  const memoryDiskId = filter.vmId ? (await db.vm.findUnique({ where: { id: filter.vmId }, select: { memoryDiskId: true } }))?.memoryDiskId : null;
  const where: Prisma.DiskWhereInput = {
    AND: [await diskWhere(actor), searchWhere("alias", searchConditions(params.q))],
    ...(filter.storageDomainId ? { volumes: { some: { storageDomainId: filter.storageDomainId } } } : {}),
    ...(filter.vmId ? { OR: [{ attachments: { some: { vmId: filter.vmId } } }, ...(memoryDiskId ? [{ id: memoryDiskId }] : [])] } : {}),
    ...(filter.vmIds ? { attachments: { some: { vmId: { in: filter.vmIds } } } } : {}),
    ...(filter.templateId ? { attachments: { some: { templateId: filter.templateId } } } : {}),
    ...(filter.floating ? { attachments: { none: {} }, contentType: "data" } : {}),
  };
  const orderBy = [(sortable[params.sort ?? ""] ?? sortable.alias)(params.order), { id: params.order }];
  const [rows, total] = await Promise.all([
    db.disk.findMany({
      where,
      orderBy,
      ...pageWindow(params),
      include: diskRowInclude,
    }),
    withTotal ? db.disk.count({ where }) : 0,
  ]);
  const jobIds = rows.flatMap((d) => (d.lockJobId ? [d.lockJobId] : []));
  const memoryIds = rows.filter((d) => d.contentType === "memory_dump").map((d) => d.id);
  const suspended = memoryIds.length ? await db.vm.findMany({ where: { memoryDiskId: { in: memoryIds } }, select: { id: true, name: true, status: true, memoryDiskId: true } }) : [];
  const jobs = jobIds.length
    ? await db.job.findMany({ where: { id: { in: jobIds } }, select: { id: true, progress: true, description: true, payload: true, steps: { select: { position: true, progress: true } } } })
    : [];
  return {
    rows: rows.map((disk) => {
      const job = jobs.find((j) => j.id === disk.lockJobId);
      // Each disk of a multi-disk job shows its own steps' progress, not the job's.
      const memoryOf = suspended.find((vm) => vm.memoryDiskId === disk.id);
      return toDiskRow(disk, job && { id: job.id, description: job.description, progress: diskProgress(parsePlan(job.payload), job.steps, disk.id, job.progress) }, memoryOf && { id: memoryOf.id, name: memoryOf.name, status: memoryOf.status });
    }),
    total,
  };
}

export function toDiskRow(disk: Prisma.DiskGetPayload<{ include: typeof diskRowInclude }>, job?: { id: string; progress: number; description: string }, memoryOf?: { id: string; name: string; status: string }) {
  const domains = new Map<string, { id: string; name: string }>();
  for (const v of disk.volumes) domains.set(v.storageDomain.id, v.storageDomain);
  const leaf = disk.volumes.find((v) => v.leaf);
  const owner = disk.attachments[0];
  return {
    id: disk.id,
    alias: disk.alias,
    description: disk.description,
    provisionedSize: Number(disk.provisionedSize),
    // What the disk takes on its domain: every volume of its chain (one copy's worth for templates).
    actualSize: disk.volumes.filter((v) => v.storageDomainId === (leaf?.storageDomainId ?? v.storageDomainId)).reduce((s, v) => s + Number(v.actualSize), 0),
    format: leaf?.format ?? disk.format,
    allocation: disk.allocation,
    contentType: disk.contentType,
    shareable: disk.shareable,
    status: disk.status,
    /** Why the disk is illegal (a missing volume file, a failed check); null otherwise. */
    statusReason: disk.statusReason,
    /** The active volume (oVirt's image_id): with the disk id and its domain, it names the image file. */
    imageId: leaf?.id ?? null,
    storageDomains: [...domains.values()],
    /** The VM the disk is attached to, or whose memory state it holds. */
    vm: owner?.vm ?? memoryOf ?? null,
    template: owner?.template ?? null,
    interface: owner?.interface ?? null,
    bootable: owner?.bootable ?? false,
    active: owner?.active ?? false,
    job: job ?? null,
    createdAt: disk.createdAt.toISOString(),
  };
}
export type DiskRow = ReturnType<typeof toDiskRow>;
