import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase, dropDatabase, newDatabaseName, serverReachable } from "@/tests/support/test-databases";

// Several instances on PostgreSQL against the embedded SQLite default, side by side in one run:
// bench/instances-benchmark.ts on the scale fixture, once on a new SQLite file with one
// instance and once on a new PostgreSQL database with two. Each gets its own data directory.

function runOn(label: string, databaseUrl: string, instances: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "multistore-bench-instances-"));
  try {
    execFileSync("node", ["scripts/migrate.mjs"], { stdio: "ignore", env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dir } });
    execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/instances-benchmark.ts", label, String(instances)], {
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dir, TEST_DIR: dir },
    });
  } catch (error) {
    for (const log of readdirSync(dir).filter((f) => f.endsWith(".log"))) console.error(`--- ${log}\n${readFileSync(path.join(dir, log), "utf8").slice(-3000)}`);
    throw error;
  } finally {
    execFileSync("npx", ["tsx", "scripts/unmount-under.ts", dir], { stdio: "ignore" });
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runInstancesBenchmark() {
  execFileSync("node", ["scripts/ensure-build.mjs"], { stdio: "ignore" });
  const sqliteDir = mkdtempSync(path.join(os.tmpdir(), "multistore-bench-sqlite-"));
  try {
    runOn("SQLite, 1 instance", `file:${path.join(sqliteDir, "bench.db")}`, 1);
  } finally {
    rmSync(sqliteDir, { recursive: true, force: true });
  }
  if (!(await serverReachable())) {
    console.log("     PostgreSQL at 127.0.0.1:5432 is not reachable: the PostgreSQL figures are skipped");
    return;
  }
  const name = newDatabaseName("multistore_bench");
  const url = await createDatabase(name);
  try {
    runOn("PostgreSQL, 2 instances", url, 2);
  } finally {
    await dropDatabase(name);
  }
}
