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

// `npm run bench -- instances` runs only the several-instances figures, `-- listing` only the lists
// at scale, `-- storage` only the copies.
const only = process.argv[2];
try {
  if (!only) {
    const { runStorageBenchmarks } = await import("./storage-benchmarks");
    await runStorageBenchmarks(dir);
    const { runLiveMoveBenchmarks } = await import("./live-move-benchmark");
    await runLiveMoveBenchmarks(dir);
    const { runMonitorBenchmarks } = await import("./monitor-benchmark");
    await runMonitorBenchmarks(dir);
    const { runAuthBenchmark } = await import("./auth-benchmark");
    await runAuthBenchmark();
    const { runTransferBenchmark } = await import("./transfer-benchmark");
    await runTransferBenchmark(dir);
    const { runListingBenchmark } = await import("./listing-benchmark");
    await runListingBenchmark(dir);
  }
  if (only === "storage") {
    const { runStorageBenchmarks } = await import("./storage-benchmarks");
    await runStorageBenchmarks(dir);
  }
  if (only === "listing") {
    const { runListingBenchmark } = await import("./listing-benchmark");
    await runListingBenchmark(dir);
  }
  if (!only || only === "instances") {
    const { runInstancesBenchmark } = await import("./instances");
    await runInstancesBenchmark();
  }
} finally {
  const { unmountAllUnder } = await import("../lib/storage/loop-mounts");
  const { ramImageDir } = await import("./storage-benchmarks");
  await unmountAllUnder(dir);
  await unmountAllUnder(ramImageDir(dir)); // loop devices over the RAM-backed images
  rmSync(dir, { recursive: true, force: true });
  rmSync(ramImageDir(dir), { recursive: true, force: true });
}
process.exit(0);
