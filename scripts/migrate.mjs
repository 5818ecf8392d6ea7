// Applies the pending migrations to DATABASE_URL (default: the embedded SQLite file
// data/multistore.db): prisma/migrations for SQLite, prisma/migrations-postgresql for
// PostgreSQL. Safe to run on every start: applied ones are skipped.
// Usage: node scripts/migrate.mjs
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openSchemaEngine } from "./lib/schema-engine.mjs";
import { migrationsFolder } from "./lib/postgresql-schema.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  // Same default as lib/env.ts.
  const dataDir = process.env.DATA_DIR ?? path.join(repo, "data");
  mkdirSync(dataDir, { recursive: true }); // SQLite creates the file, not its directory
  databaseUrl = `file:${path.join(dataDir, "multistore.db")}`;
}

const migrationsDir = path.join(repo, "prisma", migrationsFolder(databaseUrl));
const engine = await openSchemaEngine(databaseUrl);
try {
  const { applied, pending } = await engine.applyMigrations(migrationsDir);
  for (const name of applied) console.log(`applied ${name}`);
  console.log(`migrations: ${applied.length} applied, ${pending.length} pending`);
} finally {
  await engine.close();
}

// The embedded database runs in WAL mode (a property of the file, so set once here).
if (databaseUrl.startsWith("file:")) {
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(databaseUrl.slice("file:".length));
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
}

// On PostgreSQL the job queue (pg-boss) keeps its tables in a schema of its own, which pg-boss
// creates and migrates itself; done here so a new instance starts on a ready database.
if (databaseUrl.startsWith("postgres")) {
  const { default: PgBoss } = await import("pg-boss");
  const boss = new PgBoss({ connectionString: databaseUrl, schema: "pgboss", supervise: false, schedule: false, max: 1 });
  await boss.start();
  await boss.stop({ graceful: false, wait: true });
  console.log("job queue schema: ready");
}
