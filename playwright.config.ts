import { defineConfig } from "@playwright/test";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { ADMIN_PASSWORD, E2E_RUNTIME_DIR, E2E_TOKEN_SECRET } from "./e2e/api/support/server-env";

// End-to-end tests drive the production build in Debian's Chromium, on a fresh data directory
// that the server fills with demo data at start.
// A free port unless E2E_PORT says which: a portal already listening on 3100 must not break the
// suite. Set in the environment so the worker processes (which load this file again) agree.
process.env.E2E_PORT ??= execFileSync(process.execPath, ["-e", "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"], { encoding: "utf8" }).trim();
const port = Number(process.env.E2E_PORT);
// The imageio endpoint's TLS port (transfer_url), also free.
process.env.E2E_IMAGEIO_PORT ??= execFileSync(process.execPath, ["-e", "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"], { encoding: "utf8" }).trim();
// With TEST_DATABASE=postgresql the server runs on a new PostgreSQL database (dropped by the
// global teardown); otherwise on the SQLite file in its data directory.
if (process.env.TEST_DATABASE === "postgresql") {
  process.env.E2E_DATABASE_URL ??= execFileSync("npx", ["tsx", "tests/support/new-database.ts"], { encoding: "utf8" }).trim();
}
const dataDir = path.resolve(".e2e-data");
export const adminState = path.resolve(".e2e-auth/admin.json");
export const adminPassword = ADMIN_PASSWORD;

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"], ["json"]],
  globalTeardown: "./e2e/global-teardown.ts",
  projects: [
    { name: "login", testMatch: /login\.setup\.ts/ },
    { name: "portal", dependencies: ["login"], use: { storageState: adminState } },
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
    screenshot: "only-on-failure",
  },
  webServer: {
    // A killed earlier run may have left the demo's loop mounts under the data directory.
    command: `npx tsx scripts/unmount-under.ts ${dataDir} && rm -rf ${dataDir} && node scripts/migrate.mjs && npx next start -p ${port}`,
    url: `http://127.0.0.1:${port}/api/health`,
    // A fixed token secret lets the API tests sign an expired token the server must refuse.
    // A 1 s domain monitor, so the tests see an unmounted domain turn inactive (and back) quickly.
    // Live mirrors capped at 64 MiB/s, so a test can cancel one that copies a few hundred MiB.
    env: { ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}), DATA_DIR: dataDir, ADMIN_PASSWORD: adminPassword, TOKEN_SECRET: E2E_TOKEN_SECRET, DOMAIN_MONITOR_INTERVAL_SECONDS: "1", LIVE_MIRROR_MAX_MIBPS: "64", VM_RUNTIME_DIR: E2E_RUNTIME_DIR, IMAGEIO_PORT: process.env.E2E_IMAGEIO_PORT },
    timeout: 120_000,
    reuseExistingServer: false,
  },
});
