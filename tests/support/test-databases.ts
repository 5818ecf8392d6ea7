// Throw-away PostgreSQL databases for a test run (TEST_DATABASE=postgresql), on the server at
// TEST_POSTGRES_URL (default: this machine's, postgresql://postgres@127.0.0.1:5432/test). Each
// run migrates one template database; each test file, and the e2e server, gets a copy of it
// (CREATE DATABASE … TEMPLATE, a file copy on the server), dropped when it is done.
import { randomBytes } from "node:crypto";
import pg from "pg";

export const onPostgresql = process.env.TEST_DATABASE === "postgresql";
const serverUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export function databaseUrl(name: string) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function newDatabaseName(prefix: string) {
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}

async function onServer(sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates the database (a copy of `template` if given) and returns its URL. */
export async function createDatabase(name: string, template?: string) {
  await onServer(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  return databaseUrl(name);
}

/** Drops the database, closing whatever connections a finished test left open. */
export async function dropDatabase(name: string) {
  await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** True when the server answers. */
export async function serverReachable() {
  return onServer("SELECT 1").then(
    () => true,
    () => false,
  );
}
