import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Both migration histories (SQLite and PostgreSQL) must build exactly prisma/schema.prisma: each
// is replayed in a scratch database and compared with the schema by Prisma's own engine.
describe("migration histories", () => {
  it("take SQLite and PostgreSQL to the one schema", () => {
    const out = execFileSync("node", ["scripts/migration-new.mjs", "--check"], { encoding: "utf8" });
    expect(out.trim()).toBe("no changes");
  });

  it("are found lagging when the schema changes without them", () => {
    // A copy of the project's prisma folder with one more column: both histories lag.
    const dir = mkdtempSync(path.join(os.tmpdir(), "migrations-check-"));
    try {
      cpSync("scripts", path.join(dir, "scripts"), { recursive: true });
      cpSync("prisma", path.join(dir, "prisma"), { recursive: true });
      symlinkSync(path.resolve("node_modules"), path.join(dir, "node_modules"));
      const schema = path.join(dir, "prisma", "schema.prisma");
      writeFileSync(schema, readFileSync(schema, "utf8").replace('description    String          @default("")', 'description    String          @default("")\n  notes          String?'));
      let failure: { status?: number; stderr?: string } = {};
      try {
        execFileSync("node", [path.join(dir, "scripts", "migration-new.mjs"), "--check"], { encoding: "utf8", stdio: "pipe" });
      } catch (error) {
        failure = error as typeof failure;
      }
      expect(failure.status).toBe(1);
      expect(failure.stderr).toContain("prisma/migrations lags behind");
      expect(failure.stderr).toContain("prisma/migrations-postgresql lags behind");
      expect(failure.stderr).toContain('"notes"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
