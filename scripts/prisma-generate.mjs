// Generates the Prisma clients from the one schema, prisma/schema.prisma: the SQLite client
// (lib/generated/prisma, whose types the code uses) and the PostgreSQL client
// (lib/generated/prisma-postgresql). A Prisma client is bound to one provider, so the second is
// generated from a copy of the schema with only the provider and output changed.
// `prisma generate` needs no schema engine, but the CLI tries to download one unless this
// variable names an executable; our migrations use the WebAssembly engine instead.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { postgresqlSchema } from "./lib/postgresql-schema.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" };

execFileSync("npx", ["prisma", "generate"], { stdio: "inherit", env, cwd: repo });

const derivedDir = path.join(repo, "lib", "generated", "postgresql-schema");
mkdirSync(derivedDir, { recursive: true });
const derived = path.join(derivedDir, "schema.prisma");
const schema = postgresqlSchema(readFileSync(path.join(repo, "prisma", "schema.prisma"), "utf8")).replace(
  'output   = "../lib/generated/prisma"',
  'output   = "../prisma-postgresql"',
);
writeFileSync(derived, schema);
execFileSync("npx", ["prisma", "generate", "--schema", derived], { stdio: "inherit", env, cwd: repo });
