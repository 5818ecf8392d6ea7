import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { test, expect } from "./support/fixtures";
import { API, basicAuth } from "./support/api-client";
import { dataDir, query } from "../support";

// A bounded, seeded fuzz of every route that takes a body: a few thousand generated bodies (XML
// and JSON, deep nesting, wrong types, unknown and conflicting elements, oversized, mislabelled),
// each carrying at least one thing no valid request has. Every answer must be a 4xx with a fault
// body, and nothing may change: no row, no job, no file on any domain.

const SEED = 20261202;
const PER_ROUTE = 90;

function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every route under the API that takes a body (POST or PUT), as a path with {} for ids. */
function mutatingRoutes(dir = path.resolve("app/ovirt-engine/api"), prefix = ""): { method: string; path: string }[] {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith("[...")) continue;
    const sub = path.join(dir, entry.name);
    const at = `${prefix}/${entry.name.startsWith("[") ? "{}" : entry.name}`;
    const file = readdirSync(sub).includes("route.ts") ? readFileSync(path.join(sub, "route.ts"), "utf8") : "";
    for (const [, method] of file.matchAll(/export const (POST|PUT)\b/g)) found.push({ method, path: at });
    found.push(...mutatingRoutes(sub, at));
  }
  return found;
}

const ROOTS = ["vm", "disk", "template", "action", "storage_domain", "disk_attachment", "snapshot"];
const FIELDS = ["name", "id", "memory", "provisioned_size", "storage_domain", "storage_domains", "disk", "cluster", "template", "format", "sparse", "description", "storage", "type", "path"];
const VALUES = ["", "x", "-1", "99999999999999999999999", "true", "maybe", "../../etc/passwd", "<b>", "\u0000", "💾", "1e309", "null", "a".repeat(300)];

function body(rand: () => number, root: string) {
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const json = rand() < 0.4;
  // The ingredient no valid request has: an element this API does not know, a wrong root, too
  // deep a nesting, broken syntax, too large a body, or a label that is neither XML nor JSON.
  const poison = pick(["unknown", "wrong-root", "deep", "broken", "huge", "label"]);
  const node: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 4); i > 0; i--) node[pick(FIELDS)] = rand() < 0.3 ? { [pick(FIELDS)]: pick(VALUES) } : pick(VALUES);
  node[`zz_${Math.floor(rand() * 1e6)}`] = pick(VALUES);
  let tree: unknown = node;
  if (poison === "deep") for (let i = 0; i < 40 + rand() * 200; i++) tree = { nest: tree };
  const rootName = poison === "wrong-root" ? pick(ROOTS.filter((r) => r !== root)) : root;
  const xml = (value: unknown, name: string): string =>
    value !== null && typeof value === "object" ? `<${name}>${Object.entries(value).map(([k, v]) => xml(v, k)).join("")}</${name}>` : `<${name}>${String(value).replace(/[<&]/g, "")}</${name}>`;
  let text = json ? JSON.stringify(tree) : xml(tree, rootName);
  if (poison === "broken") text = text.slice(0, Math.max(1, Math.floor(text.length * rand())));
  if (poison === "huge") text = json ? JSON.stringify({ ...node, pad: "x".repeat(300_000) }) : `<${rootName}>${"<a>x</a>".repeat(40_000)}</${rootName}>`;
  const contentType = poison === "label" ? pick(["text/plain", "application/x-www-form-urlencoded", "application/octet-stream"]) : json ? "application/json" : "application/xml";
  return { text, contentType, json };
}

async function snapshot() {
  const tables = ["Vm", "Disk", "Template", "Volume", "StorageDomain", "Job", "Snapshot", "DiskAttachment", "SpaceReservation", "VmHold"];
  const counts = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, (await query<{ n: number }>(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM "${t}"`))[0].n])));
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).filter((f) => !f.endsWith("/dom_md/probe"));
  return { counts, files: files(path.join(dataDir, "domains")).sort() };
}

test("thousands of generated bad bodies on every mutating route: 4xx faults only, nothing changes", async ({ request }) => {
  test.setTimeout(240_000);
  const rand = prng(SEED);
  const ids = {
    vm: (await query<{ id: string }>(`SELECT id FROM "Vm" WHERE name = 'db-01'`))[0].id,
    disk: (await query<{ id: string }>(`SELECT id FROM "Disk" LIMIT 1`))[0].id,
    template: (await query<{ id: string }>(`SELECT id FROM "Template" LIMIT 1`))[0].id,
    domain: (await query<{ id: string }>(`SELECT id FROM "StorageDomain" WHERE type = 'export'`))[0].id,
    dataCenter: (await query<{ id: string }>(`SELECT id FROM "DataCenter" LIMIT 1`))[0].id,
  };
  const realIds = [ids.vm, ids.disk, ids.template, ids.domain, ids.dataCenter];
  const routes = mutatingRoutes();
  expect(routes.length).toBeGreaterThanOrEqual(20);
  const before = await snapshot();
  let sent = 0;
  for (const route of routes) {
    const root = route.path.endsWith("s") && route.path.split("/").length === 2 ? route.path.slice(1, -1).replace("storagedomain", "storage_domain") : "action";
    for (let i = 0; i < PER_ROUTE; i++) {
      const concrete = route.path.replace(/\{\}/g, () => (rand() < 0.7 ? realIds[Math.floor(rand() * realIds.length)] : randomUUID()));
      const { text, contentType, json } = body(rand, root);
      const reply = await request.fetch(`${API}${concrete}`, { method: route.method, headers: { Authorization: basicAuth, "Content-Type": contentType, Accept: json ? "application/json" : "application/xml" }, data: text });
      sent++;
      const answer = await reply.text();
      const where = `${route.method} ${concrete} (${contentType}): ${text.slice(0, 120)} → ${reply.status()} ${answer.slice(0, 200)}`;
      expect(reply.status(), where).toBeGreaterThanOrEqual(400);
      expect(reply.status(), where).toBeLessThan(500);
      expect(answer, where).toMatch(json && reply.headers()["content-type"] === "application/json" ? /"detail"/ : /<fault>/);
    }
  }
  expect(sent).toBeGreaterThanOrEqual(1800);
  expect(await snapshot()).toEqual(before);
});
