import { describe, expect, it } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { db, onPostgresql } from "@/lib/db";
import { holdClusterCopySlot } from "@/lib/jobs/cluster-copy-slot";

// The bound on copies per pair of domains across portal instances (PostgreSQL): each holder is a
// session of its own, as another instance's would be.

/** Advisory locks in this test file's own database (other files run on theirs meanwhile). */
const OURS = "locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

async function settledWithin<T>(promise: Promise<T>, ms: number) {
  return Promise.race([promise.then(() => true), sleep(ms).then(() => false)]);
}

describe.skipIf(!onPostgresql)("copy slots across instances", () => {
  it("a copy between two domains waits while another holds the pair's only slot; another pair does not", async () => {
    const first = await holdClusterCopySlot("d1>d2", 1);
    const second = holdClusterCopySlot("d1>d2", 1);
    expect(await settledWithin(second, 800)).toBe(false);
    const otherPair = await holdClusterCopySlot("d1>d3", 1);
    await first();
    const releaseSecond = await second;
    await Promise.all([releaseSecond(), otherPair()]);
  });

  it("with 2 slots per pair two copies run and a third waits for one of them", async () => {
    const [a, b] = await Promise.all([holdClusterCopySlot("d4>d5", 2), holdClusterCopySlot("d4>d5", 2)]);
    const third = holdClusterCopySlot("d4>d5", 2);
    expect(await settledWithin(third, 800)).toBe(false);
    await b();
    const c = await third;
    await Promise.all([a(), c()]);
  });

  it("the slot of an instance whose connection died is free again", async () => {
    await holdClusterCopySlot("d6>d7", 1); // never released: its holder dies
    const waiting = holdClusterCopySlot("d6>d7", 1);
    expect(await settledWithin(waiting, 600)).toBe(false);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      // The holder's backend, as a kill -9 of its instance would end it.
      const { rows } = await admin.query<{ pid: number }>(`SELECT pid FROM pg_locks WHERE ${OURS} AND granted`);
      expect(rows.length).toBe(1);
      await admin.query("SELECT pg_terminate_backend($1)", [rows[0].pid]);
    } finally {
      await admin.end();
    }
    const release = await waiting;
    await release();
  });

  it("a copy that stops while it waits gives up its wait and holds nothing", async () => {
    const held = await holdClusterCopySlot("d8>d9", 1);
    const stop = new AbortController();
    const waiting = holdClusterCopySlot("d8>d9", 1, stop.signal);
    stop.abort(new Error("Cancelled by admin@internal."));
    await expect(waiting).rejects.toThrow();
    await held();
    const advisory = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT CAST(count(*) AS INTEGER) AS n FROM pg_locks WHERE ${OURS}`);
    expect(advisory[0].n).toBe(0);
  });
});
