// Builds the portal only when there is no build or the sources changed since the last one:
// a restart with a current build starts in seconds. The fingerprint is a hash of every file the
// build reads (paths and contents), kept next to the build.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const INPUTS = ["app", "components", "lib", "public", "prisma/schema.prisma", "proxy.ts", "instrumentation.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package.json", "package-lock.json"];
const stamp = path.join(repo, ".next", "multistore-sources.sha256");

function* files(entry) {
  const full = path.join(repo, entry);
  if (!existsSync(full)) return;
  if (!statSync(full).isDirectory()) {
    yield entry;
    return;
  }
  for (const child of readdirSync(full).sort()) yield* files(path.join(entry, child));
}

export function sourceFingerprint() {
  const hash = createHash("sha256");
  for (const input of INPUTS) {
    for (const file of files(input)) hash.update(`${file}\0`).update(readFileSync(path.join(repo, file))).update("\0");
  }
  return hash.digest("hex");
}

const fingerprint = sourceFingerprint();
const current = existsSync(path.join(repo, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint;
if (current) {
  console.log("portal build is current: not rebuilding");
} else {
  const built = spawnSync("npx", ["next", "build"], { cwd: repo, stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
  writeFileSync(stamp, fingerprint);
}
