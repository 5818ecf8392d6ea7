import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { diskRowInclude, toDiskRow } from "./list-disks";
import { withPendingPlacements } from "./pending-placements";

// Disks as seen through one owner: each with its own attachment (a shareable disk has one per VM).

export async function listDiskAttachments(owner: { vmId: string } | { templateId: string }) {
  const rows = await db.diskAttachment.findMany({
    where: owner,
    orderBy: [{ bootable: "desc" }, { disk: { alias: "asc" } }],
    include: { disk: { include: diskRowInclude } },
  });
  const jobIds = rows.flatMap((r) => (r.disk.lockJobId ? [r.disk.lockJobId] : []));
  const jobs = jobIds.length ? await db.job.findMany({ where: { id: { in: jobIds } }, select: { id: true, progress: true, description: true } }) : [];
  const disks = await withPendingPlacements(rows.map((r) => toDiskRow(r.disk, jobs.find((j) => j.id === r.disk.lockJobId))));
  return rows.map(({ disk: _disk, ...attachment }, i) => ({ attachment, disk: disks[i] }));
}
export type DiskAttachmentRow = Awaited<ReturnType<typeof listDiskAttachments>>[number];

export async function getDiskRow(id: string) {
  const disk = await db.disk.findUnique({ where: { id }, include: diskRowInclude });
  if (!disk) throw new AppError("NOT_FOUND", `Disk ${id} doesn't exist.`);
  const job = disk.lockJobId ? await db.job.findUnique({ where: { id: disk.lockJobId }, select: { id: true, progress: true, description: true } }) : null;
  return (await withPendingPlacements([toDiskRow(disk, job ?? undefined)]))[0];
}
