import "server-only";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events";
import { requestCancel } from "@/lib/jobs/leases";
import { parseInput } from "@/lib/schemas/parse";
import { transferIdSchema } from "@/lib/schemas/image-transfer";
import { getTransfer } from "./transfer-view";

// What a client does to a transfer besides moving data: finalize it (the job then makes the
// disk from the data, or releases it after a download) or cancel it (the job rolls back).

export async function finalizeTransfer(input: { transferId: string }, actor: Actor) {
  const { transferId } = parseInput(transferIdSchema, input);
  const transfer = await getTransfer(transferId, actor);
  if (transfer.phase === "finalizing_success" || transfer.phase === "finished_success") return transfer;
  const { count } = await db.imageTransfer.updateMany({ where: { id: transferId, phase: "transferring" }, data: { phase: "finalizing_success" } });
  if (count !== 1) throw new AppError("CONFLICT", `Cannot finalize image transfer ${transferId}. It is ${transfer.phase.replace("_", " ")}.`);
  await recordEvent(db, actor, { action: "transfer_finalized", message: `Image transfer ${transferId}: finalized by ${actor.name}.`, objectType: "disk", objectId: transfer.diskId, jobId: transfer.jobId });
  return getTransfer(transferId, actor);
}

export async function cancelTransfer(input: { transferId: string }, actor: Actor) {
  const { transferId } = parseInput(transferIdSchema, input);
  const transfer = await getTransfer(transferId, actor);
  if (transfer.phase === "cancelled_user" || transfer.phase === "cancelled_system" || transfer.phase === "finished_failure") return transfer;
  const { count } = await db.imageTransfer.updateMany({ where: { id: transferId, phase: { in: ["initializing", "transferring", "paused_system", "paused_user"] } }, data: { phase: "cancelled_user" } });
  if (count !== 1) throw new AppError("CONFLICT", `Cannot cancel image transfer ${transferId}. It is ${transfer.phase.replace("_", " ")}.`);
  // A step still preparing the file (a conversion) stops at once; a waiting one sees the phase.
  await requestCancel(transfer.jobId, actor.name);
  await recordEvent(db, actor, { action: "transfer_cancelled", severity: "warning", message: `Image transfer ${transferId}: cancelled by ${actor.name}.`, objectType: "disk", objectId: transfer.diskId, jobId: transfer.jobId });
  return getTransfer(transferId, actor);
}

/** Renews the inactivity clock of an open transfer (the engine's extend). */
export async function extendTransfer(input: { transferId: string }, actor: Actor) {
  const { transferId } = parseInput(transferIdSchema, input);
  const transfer = await getTransfer(transferId, actor);
  const { count } = await db.imageTransfer.updateMany({ where: { id: transferId, phase: { in: ["initializing", "transferring"] } }, data: { lastActivityAt: new Date() } });
  if (count !== 1) throw new AppError("CONFLICT", `Cannot extend image transfer ${transferId}. It is ${transfer.phase.replace("_", " ")}.`);
  return getTransfer(transferId, actor);
}

/** The client's pause: data requests are refused and the inactivity clock stops until it resumes. */
export async function pauseTransfer(input: { transferId: string }, actor: Actor) {
  const { transferId } = parseInput(transferIdSchema, input);
  const transfer = await getTransfer(transferId, actor);
  if (transfer.phase === "paused_user" || transfer.phase === "paused_system") return transfer;
  const { count } = await db.imageTransfer.updateMany({ where: { id: transferId, phase: "transferring" }, data: { phase: "paused_user" } });
  if (count !== 1) throw new AppError("CONFLICT", `Cannot pause image transfer ${transferId}. It is ${transfer.phase.replace("_", " ")}.`);
  await recordEvent(db, actor, { action: "transfer_paused", message: `Image transfer ${transferId}: paused by ${actor.name}.`, objectType: "disk", objectId: transfer.diskId, jobId: transfer.jobId });
  return getTransfer(transferId, actor);
}

/** Opens a paused transfer for data again, with a fresh inactivity clock. */
export async function resumeTransfer(input: { transferId: string }, actor: Actor) {
  const { transferId } = parseInput(transferIdSchema, input);
  const transfer = await getTransfer(transferId, actor);
  if (transfer.phase === "transferring") return transfer;
  const { count } = await db.imageTransfer.updateMany({ where: { id: transferId, phase: { in: ["paused_system", "paused_user"] } }, data: { phase: "transferring", lastActivityAt: new Date() } });
  if (count !== 1) throw new AppError("CONFLICT", `Cannot resume image transfer ${transferId}. It is ${transfer.phase.replace("_", " ")}.`);
  await recordEvent(db, actor, { action: "transfer_resumed", message: `Image transfer ${transferId}: resumed by ${actor.name}.`, objectType: "disk", objectId: transfer.diskId, jobId: transfer.jobId });
  return getTransfer(transferId, actor);
}
