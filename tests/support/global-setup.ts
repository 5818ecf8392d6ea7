import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { unmountAllUnder } from "@/lib/storage/loop-mounts";
import { createDatabase, dropDatabase, newDatabaseName, onPostgresql } from "./test-databases";

// Migrates one template database for the whole run (a SQLite file, or a PostgreSQL database with
// TEST_DATABASE=postgresql); each test file copies it (setup-file.ts). Loop mounts a killed
// earlier run left behind are undone first, and any left at the end too.
export default async function globalSetup(project: { provide(key: "templateDatabase", value: string): void }) {
  const root = path.resolve(".test-tmp");
  await unmountAllUnder(root);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const template = onPostgresql ? newDatabaseName("multistore_test_template") : "";
  const url = onPostgresql ? await createDatabase(template) : `file:${path.join(root, "template.db")}`;
  execFileSync("node", ["scripts/migrate.mjs"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
  project.provide("templateDatabase", template);
  return async () => {
    await unmountAllUnder(root);
    if (onPostgresql) await dropDatabase(template);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
