import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { unmountAllUnder } from "../lib/storage/loop-mounts";
import { dropDatabase } from "../tests/support/test-databases";
import { E2E_RUNTIME_DIR, e2eDatabaseUrl } from "./api/support/server-env";

const dataDir = path.resolve(".e2e-data");

/** QEMUs the server started (their pid files under its runtime directory): a test that failed before powering its VM off leaves one running. */
function stopLeftoverQemus() {
  const runDir = E2E_RUNTIME_DIR;
  let vmDirs: string[] = [];
  try {
    vmDirs = readdirSync(runDir);
  } catch {
    return; // no VM ever ran
  }
  for (const vmDir of vmDirs) {
    try {
      process.kill(Number(readFileSync(path.join(runDir, vmDir, "qemu.pid"), "utf8").trim()), "SIGKILL");
    } catch {
      // no pid file, or the process is gone already
    }
  }
}

// The server's demo storage domains are loop mounts under .e2e-data: undo them after the run,
// once no QEMU keeps a file open on them.
export default async function globalTeardown() {
  stopLeftoverQemus();
  await unmountAllUnder(dataDir);
  // On PostgreSQL, the run's database goes too (playwright.config.ts made it).
  const url = e2eDatabaseUrl();
  if (url) await dropDatabase(new URL(url).pathname.slice(1));
}
