import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { expect } from "@playwright/test";
import { e2eDatabaseUrl } from "./api/support/server-env";

// What the browser tests check after a UI action: the database the server wrote and the image
// files on disk. Read-only access to the e2e server's data directory and database.

export const dataDir = path.resolve(".e2e-data");

/**
 * Rows of a query on the e2e server's database: its SQLite file, or its PostgreSQL database when
 * the suite runs there. Write SQL both understand: "quoted" table and column names, `?` for
 * parameters, CAST(count(*) AS INTEGER) for counts.
 */
export async function query<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  const url = e2eDatabaseUrl();
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      let n = 0;
      return (await client.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const connection = new Database(path.join(dataDir, "multistore.db"), { readonly: true, fileMustExist: true });
  try {
    return connection.prepare(sql).all(...params) as T[];
  } finally {
    connection.close();
  }
}

export async function domainId(name: string) {
  return (await query<{ id: string }>('SELECT id FROM "StorageDomain" WHERE name = ?', name))[0].id;
}

export interface DiskPlacement {
  alias: string;
  diskId: string;
  domain: string;
  status: string;
  file: string;
}

/** Each disk of a VM (or template) with the domain and file of its active volume. */
export async function placements(owner: { vm?: string; template?: string }): Promise<DiskPlacement[]> {
  const rows = await query<{ alias: string; diskId: string; domain: string; domainId: string; domainPath: string; volumeId: string; status: string }>(
    `SELECT d.alias, d.id AS "diskId", sd.name AS domain, sd.id AS "domainId", sd.path AS "domainPath", v.id AS "volumeId", d.status
       FROM "Disk" d JOIN "DiskAttachment" a ON a."diskId" = d.id
       LEFT JOIN "Vm" vm ON vm.id = a."vmId" LEFT JOIN "Template" t ON t.id = a."templateId"
       JOIN "Volume" v ON v."diskId" = d.id AND v.leaf = TRUE JOIN "StorageDomain" sd ON sd.id = v."storageDomainId"
      WHERE ${owner.vm ? "vm.name = ?" : "t.name = ?"} ORDER BY d.alias, sd.name`,
    owner.vm ?? owner.template,
  );
  return rows.map((r) => ({ alias: r.alias, diskId: r.diskId, domain: r.domain, status: r.status, file: path.join(r.domainPath, r.domainId, "images", r.diskId, r.volumeId) }));
}

export function qemuInfo(file: string) {
  return JSON.parse(execFileSync("qemu-img", ["info", "--output=json", "-U", file], { encoding: "utf8" })) as { format: string; "virtual-size": number; "full-backing-filename"?: string };
}

export function unique(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/** Waits until no job is pending or running, then checks none of the new ones failed. */
export async function jobsSettle() {
  await expect.poll(async () => (await query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM "Job" WHERE status IN ('pending','running')`))[0].n, { timeout: 60_000 }).toBe(0);
}

export async function lastJob() {
  return (await query<{ status: string; error: string | null; description: string }>('SELECT status, error, description FROM "Job" ORDER BY "createdAt" DESC LIMIT 1'))[0];
}
