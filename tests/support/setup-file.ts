import { afterAll, inject } from "vitest";
import { copyFileSync, mkdtempSync } from "node:fs";
import path from "node:path";
import { createDatabase, dropDatabase, newDatabaseName, onPostgresql } from "./test-databases";

// Runs before each test file's imports: a private copy of the migrated database (a file copy on
// SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL) and a private data directory, so nothing
// leaks between files.
const root = path.resolve(".test-tmp");
const dir = mkdtempSync(path.join(root, "run-"));
const database = onPostgresql ? newDatabaseName("multistore_test") : "";
if (onPostgresql) {
  process.env.DATABASE_URL = await createDatabase(database, inject("templateDatabase"));
} else {
  copyFileSync(path.join(root, "template.db"), path.join(dir, "test.db"));
  process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
}
process.env.DATA_DIR = dir;
process.env.TEST_DIR = dir;
// Every kind of job step registered, as the portal's start-up does (after the database is chosen).
await import("@/lib/operations");

// Every loop mount a test file made goes with it, also when its tests failed; so does its database.
afterAll(async () => {
  const { unmountAllUnder } = await import("@/lib/storage/loop-mounts");
  await unmountAllUnder(dir);
  if (onPostgresql) {
    const { stopJobWorker } = await import("@/lib/jobs/job-worker");
    await stopJobWorker();
    const { db } = await import("@/lib/db");
    await db.$disconnect();
    await dropDatabase(database);
  }
});
