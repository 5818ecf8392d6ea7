import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

// A transfer opens for data once its job's step has prepared the file (phase `transferring`),
// which a worker does a moment after the transfer is created. REST clients poll the phase, as
// oVirt's do; the portal's own dialogs wait here, so their first data request is never early.

const POLL_MS = 50;

/** Resolves when the transfer is open for data; fails when it ended first or did not open in time. */
export async function waitUntilOpen(transferId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const transfer = await db.imageTransfer.findUniqueOrThrow({ where: { id: transferId }, select: { phase: true, jobId: true } });
    if (transfer.phase === "transferring") return;
    if (transfer.phase !== "initializing") throw new AppError("CONFLICT", `The transfer ended before it opened (${transfer.phase}).`);
    const job = await db.job.findUnique({ where: { id: transfer.jobId }, select: { status: true, error: true } });
    if (job && job.status !== "pending" && job.status !== "running") throw new AppError("CONFLICT", `The transfer ended before it opened: ${job.error ?? job.status}`);
    if (Date.now() > deadline) throw new AppError("CONFLICT", "The transfer did not open for data in time; try again.");
    await sleep(POLL_MS);
  }
}
