import "server-only";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { recordEvent } from "@/lib/events";
import { sleepUntilWoken } from "./transfer-wakeup";

// While a transfer's data moves, its job step waits here for the client: finalize lets the step
// go on, a cancel (the client's or the system's) makes it fail and the job rolls back. Silence
// longer than the inactivity timeout cancels or pauses the transfer, as its timeout policy says;
// a paused one waits, its disk locked, until the client resumes or cancels it. The state is read
// from the database, so the data requests may reach any instance.

const POLL_MS = 200;

/** oVirt's legacy policy: an upload pauses (the client may come back), a download is cancelled. */
function onInactivity(transfer: { timeoutPolicy: string; direction: string }) {
  if (transfer.timeoutPolicy === "legacy") return transfer.direction === "upload" ? "pause" : "cancel";
  return transfer.timeoutPolicy === "pause" ? "pause" : "cancel";
}

/** Resolves at finalize; `onShare` gets the share of `expectedBytes` moved so far (0..1). */
export async function awaitClient(transferId: string, expectedBytes: number, onShare: (share: number) => void, signal?: AbortSignal) {
  for (;;) {
    signal?.throwIfAborted();
    const transfer = await db.imageTransfer.findUniqueOrThrow({ where: { id: transferId } });
    if (transfer.phase === "finalizing_success") return;
    if (transfer.phase === "cancelled_user") throw new Error("The transfer was cancelled by its client.");
    if (transfer.phase === "cancelled_system") throw new Error("The transfer was cancelled by the system.");
    const idleMs = Date.now() - transfer.lastActivityAt.getTime();
    if (transfer.phase === "transferring" && idleMs > transfer.inactivityTimeout * 1000) {
      if (onInactivity(transfer) === "cancel") {
        await db.imageTransfer.updateMany({ where: { id: transferId, phase: "transferring" }, data: { phase: "cancelled_system" } });
        throw new Error(`No data for ${transfer.inactivityTimeout} s: the transfer was cancelled by the system (inactivity timeout).`);
      }
      const { count } = await db.imageTransfer.updateMany({ where: { id: transferId, phase: "transferring", lastActivityAt: transfer.lastActivityAt }, data: { phase: "paused_system" } });
      if (count) {
        await recordEvent(db, systemActor, {
          action: "transfer_paused",
          severity: "warning",
          message: `Image transfer ${transferId}: no data for ${transfer.inactivityTimeout} s, paused by the system (timeout policy ${transfer.timeoutPolicy}); its disk stays locked until the transfer is resumed or cancelled.`,
          objectType: "disk",
          objectId: transfer.diskId,
          jobId: transfer.jobId,
        });
      }
    }
    onShare(Math.min(0.99, Number(transfer.transferred) / Math.max(expectedBytes, 1)));
    await sleepUntilWoken(transferId, POLL_MS, signal);
  }
}
