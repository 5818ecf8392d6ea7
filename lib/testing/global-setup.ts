import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

// Migrates one template database for the whole run; each test file copies it (setup-file.ts).
export default function globalSetup() {
  const root = path.resolve(".test-tmp");
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  execFileSync("node", ["scripts/migrate.mjs"], {
    env: { ...process.env, DATABASE_URL: `file:${path.join(root, "template.db")}` },
    stdio: "ignore",
  });
}
