import { describe, expect, it } from "vitest";
import { setTimeout as delay } from "node:timers/promises";
import { sleepUntilWoken, wakeTransfer } from "@/lib/image-transfers/transfer-wakeup";

// A transfer's waiting job step is woken by its client's finalize or cancel in the same instance,
// instead of noticing it at its next poll.

const HOUR = 3_600_000;

describe("a transfer's wake-up", () => {
  it("ends the wait of that transfer's step at once", async () => {
    const waiting = sleepUntilWoken("transfer-a", HOUR);
    wakeTransfer("transfer-a");
    await waiting; // without the wake-up this waits an hour: the test times out
  });

  it("leaves the steps of other transfers waiting", async () => {
    const waiting = sleepUntilWoken("transfer-b", HOUR).then(() => "woken");
    wakeTransfer("transfer-c");
    expect(await Promise.race([waiting, delay(100).then(() => "still waiting")])).toBe("still waiting");
    wakeTransfer("transfer-b");
    expect(await waiting).toBe("woken");
  });

  it("ends the wait when the step is cancelled", async () => {
    const cancel = new AbortController();
    const waiting = sleepUntilWoken("transfer-d", HOUR, cancel.signal);
    cancel.abort(new Error("cancelled"));
    await waiting;
  });
});
