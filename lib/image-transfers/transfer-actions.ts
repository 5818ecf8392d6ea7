import "server-only";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events";
import { requestCancel } from "@/lib/jobs/leases";
import { parseInput } from "@/lib/schemas/parse";
import { transferIdSchema } from "@/lib/schemas/image-transfer";
import { getTransfer, type TransferPhase } from "./transfer-view";
import { wakeTransfer } from "./transfer-wakeup";

// What a client does to a transfer besides moving data: finalize it (the job then makes the
// disk from the data, or releases it after a download), cancel it (the job rolls back), pause
// and resume it, or extend its inactivity clock.

interface PhaseChange {
  verb: string;
  /** Phases in which the action has already happened: it answers as done. */
  done: TransferPhase[];
  from: TransferPhase[];
  to: TransferPhase;
  event: string;
  severity?: "warning";
  /** Runs once the phase changed, before the event (a cancel stops a preparing step). */
  afterChange?: (transfer: { jobId: string }, actor: Actor) => Promise<unknown>;
}

/** A compare-and-set of the transfer's phase, with its event; an action that cannot apply now is a 409. */
async function changePhase(input: { transferId: string }, actor: Actor, change: PhaseChange) {
  const { transferId } = parseInput(transferIdSchema, input);
  const transfer = await getTransfer(transferId, actor);
  if (change.done.includes(transfer.phase)) return transfer;
  const data = change.to === "transferring" ? { phase: change.to, lastActivityAt: new Date() } : { phase: change.to };
  const { count } = await db.imageTransfer.updateMany({ where: { id: transferId, phase: { in: change.from } }, data });
  if (count !== 1) throw new AppError("CONFLICT", `Cannot ${change.verb} image transfer ${transferId}. It is ${transfer.phase.replace("_", " ")}.`);
  await change.afterChange?.(transfer, actor);
  // After afterChange: a cancelled step must see its job's cancel request, or it ends failed, not aborted.
  wakeTransfer(transferId);
  const message = `Image transfer ${transferId}: ${change.event} by ${actor.name}.`;
  await recordEvent(db, actor, { action: `transfer_${change.event}`, severity: change.severity, message, objectType: "disk", objectId: transfer.diskId, jobId: transfer.jobId });
  return getTransfer(transferId, actor);
}

export function finalizeTransfer(input: { transferId: string }, actor: Actor) {
  return changePhase(input, actor, { verb: "finalize", done: ["finalizing_success", "finished_success"], from: ["transferring"], to: "finalizing_success", event: "finalized" });
}

export function cancelTransfer(input: { transferId: string }, actor: Actor) {
  return changePhase(input, actor, {
    verb: "cancel",
    done: ["cancelled_user", "cancelled_system", "finished_failure"],
    from: ["initializing", "transferring", "paused_system", "paused_user"],
    to: "cancelled_user",
    event: "cancelled",
    severity: "warning",
    // A step still preparing the file (a conversion) stops at once; a waiting one sees the phase.
    afterChange: (transfer, by) => requestCancel(transfer.jobId, by.name),
  });
}

/** The client's pause: data requests are refused and the inactivity clock stops until it resumes. */
export function pauseTransfer(input: { transferId: string }, actor: Actor) {
  return changePhase(input, actor, { verb: "pause", done: ["paused_user", "paused_system"], from: ["transferring"], to: "paused_user", event: "paused" });
}

/** Opens a paused transfer for data again, with a fresh inactivity clock. */
export function resumeTransfer(input: { transferId: string }, actor: Actor) {
  return changePhase(input, actor, { verb: "resume", done: ["transferring"], from: ["paused_system", "paused_user"], to: "transferring", event: "resumed" });
}

/** Renews the inactivity clock of an open transfer (the engine's extend). */
export async function extendTransfer(input: { transferId: string }, actor: Actor) {
  const { transferId } = parseInput(transferIdSchema, input);
  const transfer = await getTransfer(transferId, actor);
  const { count } = await db.imageTransfer.updateMany({ where: { id: transferId, phase: { in: ["initializing", "transferring"] } }, data: { lastActivityAt: new Date() } });
  if (count !== 1) throw new AppError("CONFLICT", `Cannot extend image transfer ${transferId}. It is ${transfer.phase.replace("_", " ")}.`);
  return getTransfer(transferId, actor);
}
