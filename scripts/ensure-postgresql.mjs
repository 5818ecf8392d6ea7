// Makes sure the PostgreSQL server the PostgreSQL half of the suite uses answers
// (TEST_POSTGRES_URL, default this machine's postgresql://postgres@127.0.0.1:5432/test): when it
// does not, starts Debian's cluster (pg_ctlcluster) and waits for it.
// Usage: node scripts/ensure-postgresql.mjs
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import pg from "pg";

const url = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

async function answers() {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

if (!(await answers())) {
  let versions = [];
  try {
    versions = readdirSync("/etc/postgresql");
  } catch {
    // not installed: said below
  }
  for (const version of versions) {
    console.log(`Starting PostgreSQL ${version} (cluster main)`);
    execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], { stdio: "inherit" });
  }
  let up = await answers();
  for (let i = 0; i < 30 && !up; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    up = await answers();
  }
  if (!up) {
    console.error(`PostgreSQL does not answer at ${url}: start it, or set TEST_POSTGRES_URL to a server whose user may create databases.`);
    process.exit(1);
  }
}
