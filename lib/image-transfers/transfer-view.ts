import "server-only";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { can, diskScopes } from "@/lib/auth/authorize";
import type { ImageTransfer } from "@/lib/generated/prisma/client";

// A transfer as clients see it. The phase the row keeps is the client's side of it (transferring,
// finalizing, cancelled); the job that carries the storage work decides how it ends.

export type TransferPhase =
  | "initializing"
  | "transferring"
  | "paused_system"
  | "paused_user"
  | "finalizing_success"
  | "cancelled_user"
  | "cancelled_system"
  | "finished_success"
  | "finished_failure";

export function transferPhase(row: Pick<ImageTransfer, "phase">, jobStatus: string): TransferPhase {
  if (jobStatus === "finished") return "finished_success";
  if (jobStatus === "failed" || jobStatus === "aborted") return "finished_failure";
  return row.phase as TransferPhase;
}

/** Whoever started a transfer sees it, and whoever may change its disk. */
async function mayUse(actor: Actor, row: ImageTransfer) {
  return row.actor === actor.name || can(actor, "edit_disk", await diskScopes(row.diskId));
}

export async function getTransfer(transferId: string, actor: Actor) {
  const row = await db.imageTransfer.findUnique({ where: { id: transferId } });
  if (!row || !(await mayUse(actor, row))) throw new AppError("NOT_FOUND", `Image transfer ${transferId} doesn't exist.`);
  const job = await db.job.findUniqueOrThrow({ where: { id: row.jobId }, select: { status: true, error: true, progress: true } });
  return { ...row, phase: transferPhase(row, job.status), job };
}

/** The transfers still open, and the last day's ended ones, newest first. */
export async function listTransfers(actor: Actor) {
  const since = new Date(Date.now() - 24 * 3600 * 1000);
  const rows = await db.imageTransfer.findMany({ where: { createdAt: { gte: since } }, orderBy: { createdAt: "desc" }, take: 500 });
  const jobs = new Map((await db.job.findMany({ where: { id: { in: rows.map((r) => r.jobId) } }, select: { id: true, status: true, error: true, progress: true } })).map((j) => [j.id, j]));
  const visible = [];
  for (const row of rows) {
    const job = jobs.get(row.jobId);
    if (job && (await mayUse(actor, row))) visible.push({ ...row, phase: transferPhase(row, job.status), job });
  }
  return visible;
}
