// Makes sure the system tools the portal drives are present: qemu-img, QEMU and
// qemu-storage-daemon for storage and VMs; for the tests, Debian's Chromium (--with-browser) and
// PostgreSQL (--with-postgresql). As root with apt, missing ones are installed; otherwise it stops
// with one line naming what to install.
// Usage: node scripts/system-deps.mjs [--with-browser] [--with-postgresql]
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const wanted = [
  { command: "qemu-img", pkg: "qemu-utils" },
  { command: "qemu-system-x86_64", pkg: "qemu-system-x86" },
  { command: "qemu-storage-daemon", pkg: "qemu-system-common" },
];
if (process.argv.includes("--with-browser")) wanted.push({ command: "chromium", pkg: "chromium", path: "/usr/bin/chromium" });
if (process.argv.includes("--with-postgresql")) wanted.push({ command: "pg_ctlcluster", pkg: "postgresql", path: "/usr/bin/pg_ctlcluster" });

const found = (tool) => (tool.path ? existsSync(tool.path) : spawnSync("sh", ["-c", `command -v ${tool.command}`]).status === 0);
const missing = wanted.filter((tool) => !found(tool));
if (missing.length === 0) process.exit(0);

const packages = missing.map((t) => t.pkg);
const isRoot = process.getuid?.() === 0;
const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
if (!isRoot || !hasApt) {
  console.error(`Missing system packages: install them with "apt-get install -y ${packages.join(" ")}" (as root), then run again.`);
  process.exit(1);
}
console.log(`Installing system packages: ${packages.join(" ")}`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
execFileSync("apt-get", ["install", "-y", "-qq", ...packages], { stdio: "inherit", env });
