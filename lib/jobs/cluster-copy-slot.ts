import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { env } from "@/lib/env";

// On PostgreSQL several instances copy between the same shared domains, so the bound on copies
// per pair of domains (COPIES_PER_DOMAIN_PAIR) holds across instances too: a running copy holds
// one of that many session advisory locks for its pair, on a connection of its own. The lock goes
// with the connection, so the slot of an instance that dies is free as soon as its connection is.

/** How often a copy waiting for a slot tries again. */
const POLL_MS = 250;

/** Waits for a free slot of the pair and holds it; resolves to the function that frees it. */
export async function holdClusterCopySlot(pair: string, slots: number, signal?: AbortSignal): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  client.on("error", (error) => console.error(`copy slot connection for ${pair} lost (${error.message}); its slot is free again`));
  const close = () => client.end().catch(() => undefined);
  await client.connect();
  try {
    for (;;) {
      for (let slot = 0; slot < slots; slot++) {
        const { rows } = await client.query<{ taken: boolean }>("SELECT pg_try_advisory_lock(hashtext($1), $2) AS taken", [`multistore-copy:${pair}`, slot]);
        if (rows[0].taken) return close; // closing the session releases its lock
      }
      await sleep(POLL_MS, undefined, { signal });
    }
  } catch (error) {
    await close();
    throw error;
  }
}
