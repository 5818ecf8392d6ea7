import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresqlClient } from "@/lib/generated/prisma-postgresql/client";
import { env } from "@/lib/env";

export const onPostgresql = env.DATABASE_URL.startsWith("postgres");

// A burst of requests (200 VMs created at once) queues for a transaction: SQLite has one writer
// and PostgreSQL a pool of connections. Prisma's default 2 s wait turned the tail of such a burst
// into errors; the requests now wait their turn. Once started, a transaction may still wait on
// PostgreSQL's row locks (every job on a domain takes its row): through two instances, the tail
// of that burst passed Prisma's default 5 s limit and answered 500. A minute bounds a stuck one.
const transactionOptions = { maxWait: 60_000, timeout: 60_000 };
/** How long a write waits on SQLite for another process's write to end (better-sqlite3's default, 5 s, is shorter than the limit above). */
const SQLITE_BUSY_TIMEOUT_MS = 60_000;

function createClient() {
  const url = env.DATABASE_URL;
  // Both clients come from the one schema (scripts/prisma-generate.mjs) and differ only in the
  // SQL they write, so the PostgreSQL one serves under the SQLite client's type.
  if (onPostgresql) return new PostgresqlClient({ adapter: new PrismaPg({ connectionString: url }), transactionOptions }) as unknown as PrismaClient;
  const client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url, timeout: SQLITE_BUSY_TIMEOUT_MS }), transactionOptions });
  // WAL (set by scripts/migrate.mjs) with NORMAL sync survives a process crash and syncs only at
  // checkpoints: a commit after a large image copy no longer waits for that copy to reach disk.
  void client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  return client;
}

// One client per process, kept across Next.js dev reloads.
const globalForDb = globalThis as unknown as { multistoreDb?: PrismaClient };
export const db = globalForDb.multistoreDb ?? createClient();
globalForDb.multistoreDb = db;

export type Db = PrismaClient;
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * Makes every committed transaction durable (SQLite in WAL mode syncs only at checkpoints). A
 * checkpoint cannot run while another job's transaction holds the connection (SQLITE_LOCKED):
 * it is tried again until that one ends.
 */
export async function makeDurable() {
  if (onPostgresql) return;
  for (let attempt = 0; ; attempt++) {
    try {
      await db.$queryRawUnsafe("PRAGMA wal_checkpoint(FULL)");
      return;
    } catch (error) {
      if (attempt >= 50 || !/SQLITE_LOCKED|SQLITE_BUSY|locked/.test(String((error as Error).message))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 + attempt * 10));
    }
  }
}

/**
 * A `contains` filter that ignores case on both databases, as oVirt's search does: SQLite's LIKE
 * already does for ASCII; PostgreSQL needs its `insensitive` mode (ILIKE), which the SQLite
 * client's types do not know.
 */
export function caseInsensitive<F extends { contains?: string; startsWith?: string; endsWith?: string; equals?: string }>(filter: F): F {
  const textual = filter.contains ?? filter.startsWith ?? filter.endsWith ?? filter.equals;
  return onPostgresql && textual !== undefined ? ({ ...filter, mode: "insensitive" } as F) : filter;
}

/** A list search (lib/queries/pagination searchConditions) on one field, case ignored: a where fragment. */
export function searchWhere<K extends string>(field: K, conditions: { contains?: string; startsWith?: string; endsWith?: string }[]) {
  return { AND: conditions.map((condition) => ({ [field]: caseInsensitive(condition) }) as Record<K, typeof condition>) };
}
