import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { diskRowInclude, toDiskRow } from "./list-disks";

// Disks as seen through one owner: each with its own attachment (a shareable disk has one per VM).

export async function listDiskAttachments(owner: { vmId: string } | { templateId: string }) {
  const rows = await db.diskAttachment.findMany({
    where: owner,
    orderBy: [{ bootable: "desc" }, { disk: { alias: "asc" } }],
    include: { disk: { include: diskRowInclude } },
  });
  return rows.map(({ disk, ...attachment }) => ({ attachment, disk: toDiskRow(disk) }));
}
export type DiskAttachmentRow = Awaited<ReturnType<typeof listDiskAttachments>>[number];

export async function getDiskRow(id: string) {
  const disk = await db.disk.findUnique({ where: { id }, include: diskRowInclude });
  if (!disk) throw new AppError("NOT_FOUND", `Disk ${id} doesn't exist.`);
  const job = disk.lockJobId ? await db.job.findUnique({ where: { id: disk.lockJobId }, select: { id: true, progress: true, description: true } }) : null;
  return toDiskRow(disk, job ?? undefined);
}
