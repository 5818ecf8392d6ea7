import "server-only";
import type { QmpClient } from "./qmp-client";
import { shellQuote } from "./qemu-command";

// A VM's memory and device state, saved and restored with QEMU's migration stream: "migrating"
// to a file is how libvirt and VDSM hibernate. The guest is paused first, so the stream is one
// consistent pass and the disks are not written meanwhile.

interface MigrationInfo {
  status?: string;
  "error-desc"?: string;
  ram?: { total: number; transferred: number; remaining: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Streams the (paused) VM's state into `file`; progress follows the RAM transferred. */
export async function saveMemoryState(client: QmpClient, file: string, onProgress: (percent: number) => void) {
  // A file is not a network: lift the default bandwidth cap (QEMU's is meant for live migration).
  await client.execute("migrate-set-parameters", { "max-bandwidth": Number.MAX_SAFE_INTEGER });
  await client.execute("migrate", { uri: `exec:cat > ${shellQuote(file)}` });
  for (;;) {
    const info = await client.execute<MigrationInfo>("query-migrate");
    if (info.status === "completed") return;
    if (info.status === "failed" || info.status === "cancelled") {
      throw new Error(`saving the memory state failed: ${info["error-desc"] ?? info.status}`);
    }
    if (info.ram?.total) onProgress(Math.min(99, (100 * info.ram.transferred) / info.ram.total));
    await sleep(50);
  }
}

/** Stops a save still in progress (rollback of an interrupted hibernation). */
export async function cancelMemorySave(client: QmpClient) {
  const info = await client.execute<MigrationInfo>("query-migrate");
  if (info.status && !["completed", "failed", "cancelled", "none"].includes(info.status)) {
    await client.execute("migrate_cancel");
    for (let i = 0; i < 100; i++) {
      const now = await client.execute<MigrationInfo>("query-migrate");
      if (now.status !== "cancelling" && now.status !== "active") return;
      await sleep(50);
    }
  }
}

/**
 * Waits for a QEMU started with -incoming to finish loading the state. QEMU exits by itself on a
 * damaged stream; an empty stream leaves it waiting forever, hence the deadline.
 */
export async function waitForIncomingState(client: QmpClient, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await client.execute<MigrationInfo>("query-migrate");
    if (info.status === "completed") return;
    if (info.status === "failed") throw new Error(`loading the memory state failed: ${info["error-desc"] ?? "failed"}`);
    if (Date.now() > deadline) throw new Error(`loading the memory state did not finish within ${Math.round(timeoutMs / 1000)} s`);
    await sleep(50);
  }
}
