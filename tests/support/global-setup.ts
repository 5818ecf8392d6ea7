import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { unmountAllUnder } from "@/lib/storage/loop-mounts";

// Migrates one template database for the whole run; each test file copies it (setup-file.ts).
// Loop mounts a killed earlier run left behind are undone first, and any left at the end too.
export default async function globalSetup() {
  const root = path.resolve(".test-tmp");
  await unmountAllUnder(root);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  execFileSync("node", ["scripts/migrate.mjs"], {
    env: { ...process.env, DATABASE_URL: `file:${path.join(root, "template.db")}` },
    stdio: "ignore",
  });
  return () => unmountAllUnder(root);
}
