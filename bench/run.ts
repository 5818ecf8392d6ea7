// npm run bench: prints the numbers of the Core benchmarks. Runs on a private temporary data
// directory and database; nothing here is a pass/fail test, but each line states its target.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = mkdtempSync(path.join(os.tmpdir(), "multistore-bench-"));
process.env.DATA_DIR = dir;
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
process.env.ADMIN_PASSWORD = "bench-password"; // read once, with the rest of the environment
// The imageio endpoint's TLS port for the transfer benchmark: a free one.
process.env.IMAGEIO_PORT = execFileSync(process.execPath, ["-e", "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"], { encoding: "utf8" }).trim();
execFileSync("node", ["scripts/migrate.mjs"], { stdio: "ignore", env: process.env });

// `npm run bench -- NAME` runs one group only: storage, live-move, monitor, auth, transfer, listing
// or instances; `move` runs the storage group's first figure alone (not part of a full run).
const groups: Record<string, () => Promise<unknown>> = {
  storage: async () => (await import("./storage-benchmarks")).runStorageBenchmarks(dir),
  move: async () => (await import("./storage-benchmarks")).runStorageBenchmarks(dir, "move"),
  "live-move": async () => (await import("./live-move-benchmark")).runLiveMoveBenchmarks(dir),
  monitor: async () => (await import("./monitor-benchmark")).runMonitorBenchmarks(dir),
  auth: async () => (await import("./auth-benchmark")).runAuthBenchmark(),
  transfer: async () => (await import("./transfer-benchmark")).runTransferBenchmark(dir),
  listing: async () => (await import("./listing-benchmark")).runListingBenchmark(dir),
  instances: async () => (await import("./instances")).runInstancesBenchmark(),
};
const only = process.argv[2];
if (only && !groups[only]) throw new Error(`No benchmark group ${only}: use one of ${Object.keys(groups).join(", ")}.`);
try {
  for (const [name, run] of Object.entries(groups)) if (only === name || (!only && name !== "move")) await run();
} finally {
  // Jobs write their domains' OVF stores in the background: let them finish before the domains go.
  await (await import("../lib/ovf-store/update-ovf-store")).ovfStoreSettled();
  const { unmountAllUnder } = await import("../lib/storage/loop-mounts");
  const { ramImageDir } = await import("./storage-benchmarks");
  await unmountAllUnder(dir);
  await unmountAllUnder(ramImageDir(dir)); // loop devices over the RAM-backed images
  rmSync(dir, { recursive: true, force: true });
  rmSync(ramImageDir(dir), { recursive: true, force: true });
}
process.exit(0);
