import { afterAll } from "vitest";
import { copyFileSync, mkdtempSync } from "node:fs";
import path from "node:path";

// Runs before each test file's imports: a private copy of the migrated database and a private
// data directory, so files can run in parallel and nothing leaks between them.
const root = path.resolve(".test-tmp");
const dir = mkdtempSync(path.join(root, "run-"));
copyFileSync(path.join(root, "template.db"), path.join(dir, "test.db"));
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
process.env.DATA_DIR = dir;
process.env.TEST_DIR = dir;

// Every loop mount a test file made goes with it, also when its tests failed.
afterAll(async () => {
  const { unmountAllUnder } = await import("@/lib/storage/loop-mounts");
  await unmountAllUnder(dir);
});
