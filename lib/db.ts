import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

function createClient() {
  const url = env.DATABASE_URL;
  if (url.startsWith("postgres")) return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  const client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url }) });
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
  if (env.DATABASE_URL.startsWith("postgres")) return;
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
