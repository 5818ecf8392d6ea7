import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { endpointGroups } from "@/app/(portal)/api-docs/_content/endpoints";

// The reference page is written by hand; this keeps it honest: every handler the API exports is
// documented, and nothing documented is missing a handler.

const API_DIR = path.join(import.meta.dirname, "../../app/ovirt-engine/api");

function routes(dir: string, prefix = ""): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    if (entry.name.startsWith("[...")) continue; // the catch-all: 404 faults and empty sub-collections
    const segment = entry.name.startsWith("[") ? "{}" : entry.name;
    const sub = path.join(dir, entry.name);
    const file = readdirSync(sub).includes("route.ts") ? readFileSync(path.join(sub, "route.ts"), "utf8") : "";
    for (const [, method] of file.matchAll(/export const (GET|POST|PUT|DELETE)\b/g)) found.push(`${method} ${prefix}/${segment}`);
    for (const [, list] of file.matchAll(/export \{([^}]+)\}/g)) for (const [, method] of list.matchAll(/as (GET|POST|PUT|DELETE)\b/g)) found.push(`${method} ${prefix}/${segment}`);
    found.push(...routes(sub, `${prefix}/${segment}`));
  }
  return found;
}

/** "/vms/{id}/start|stop" → "/vms/{}/start", "/vms/{}/stop"; query strings dropped. */
function expand(documented: string): string[] {
  const bare = documented.split("?")[0].replace(/\{[^}]*\}/g, "{}").replace(/\/$/, "");
  const slash = bare.lastIndexOf("/");
  return bare.slice(slash + 1).split("|").map((last) => `${bare.slice(0, slash)}/${last.trim()}`.replace(/\/$/, ""));
}

describe("the REST API reference", () => {
  it("documents exactly the handlers the API exports", () => {
    const root = readFileSync(path.join(API_DIR, "route.ts"), "utf8").match(/export const (GET|POST|PUT|DELETE)\b/g)!.map((m) => `${m.split(" ")[2]} `);
    const served = [...root, ...routes(API_DIR)].map((r) => r.trimEnd()).sort();
    const documented = [...new Set(endpointGroups.flatMap((g) => g.endpoints.flatMap((e) => expand(e.path).map((p) => `${e.method} ${p}`.trimEnd()))))].sort();
    expect(documented.filter((d) => !served.includes(d)), "documented but not served").toEqual([]);
    expect(served.filter((s) => !documented.includes(s)), "served but not documented").toEqual([]);
  });
});
