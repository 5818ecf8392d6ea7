import "server-only";
import { EventEmitter, once } from "node:events";
import { processWide } from "@/lib/process-wide";

// A transfer's job step polls its row for the client's finalize or cancel. In the instance that
// took the client's request it is woken at once instead: every finalize used to wait half a poll
// on average before the disk was made. A step on another instance sees the change at its next poll.

const wakeups = processWide("transfer-wakeups", () => new EventEmitter().setMaxListeners(0));

/** The transfer's phase changed: its waiting step (if in this process) reads it now. */
export function wakeTransfer(transferId: string) {
  wakeups.emit(transferId);
}

/** Waits `ms`, or less if the transfer is woken or `signal` aborts. */
export async function sleepUntilWoken(transferId: string, ms: number, signal?: AbortSignal) {
  const timeout = AbortSignal.timeout(ms);
  await once(wakeups, transferId, { signal: signal ? AbortSignal.any([timeout, signal]) : timeout }).catch(() => undefined);
}
