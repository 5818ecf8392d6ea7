import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db";

// While a transfer's data moves, its job step waits here for the client: finalize lets the step
// go on, a cancel (the client's or the system's) or silence longer than the inactivity timeout
// makes it fail, and the job rolls back. The state is read from the database, so the data
// requests may reach any instance.

const POLL_MS = 200;

/** Resolves at finalize; `onShare` gets the share of `expectedBytes` moved so far (0..1). */
export async function awaitClient(transferId: string, expectedBytes: number, onShare: (share: number) => void, signal?: AbortSignal) {
  for (;;) {
    signal?.throwIfAborted();
    const transfer = await db.imageTransfer.findUniqueOrThrow({ where: { id: transferId } });
    if (transfer.phase === "finalizing_success") return;
    if (transfer.phase === "cancelled_user") throw new Error("The transfer was cancelled by its client.");
    if (transfer.phase === "cancelled_system") throw new Error("The transfer was cancelled by the system.");
    const idleMs = Date.now() - transfer.lastActivityAt.getTime();
    if (idleMs > transfer.inactivityTimeout * 1000) {
      await db.imageTransfer.updateMany({ where: { id: transferId, phase: "transferring" }, data: { phase: "cancelled_system" } });
      throw new Error(`No data for ${transfer.inactivityTimeout} s: the transfer was cancelled by the system (inactivity timeout).`);
    }
    onShare(Math.min(0.99, Number(transfer.transferred) / Math.max(expectedBytes, 1)));
    await sleep(POLL_MS, undefined, { signal }).catch(() => undefined);
  }
}
