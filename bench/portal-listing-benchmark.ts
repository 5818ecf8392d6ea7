import { spawn, execFileSync } from "node:child_process";
import { db } from "@/lib/db";
import { ADMIN_NAME } from "@/lib/auth/users";
import { createSession } from "@/lib/auth/sessions";
import { SESSION_COOKIE } from "@/lib/session/cookie-name";
import http from "node:http";
import { gunzipSync } from "node:zlib";
import { percentile, reportPercentiles, seconds } from "./measure";
import { FIXTURE_PASSWORD, FIXTURE_USER } from "./scale-fixture";

// The scale fixture served by a real portal (`next start` on the benchmark's database): REST
// collections over HTTP with a bearer token from the SSO endpoint, and each portal tab's HTML
// with a browser session, for the admin and for a user with permissions on 10 VMs.

const PORT = 3390;
const BASE = `http://127.0.0.1:${PORT}`;

async function startPortal(dir: string) {
  execFileSync("node", ["scripts/ensure-build.mjs"], { stdio: "ignore" });
  const server = spawn("npx", ["next", "start", "-p", String(PORT)], {
    env: { ...process.env, DATA_DIR: dir, SEED_DEMO: "0", DOMAIN_MONITOR_INTERVAL_SECONDS: "3600" },
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${BASE}/api/health`).then((r) => r.ok, () => false)) return server;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the portal did not start");
}

async function bearer(user: string, password: string) {
  const response = await fetch(`${BASE}/ovirt-engine/sso/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: new URLSearchParams({ grant_type: "password", username: user, password, scope: "ovirt-app-api" }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token for ${user}: ${JSON.stringify(body)}`);
  return `Bearer ${body.access_token}`;
}

// The client works as the oVirt SDK's libcurl does: one kept-alive connection, gzip asked for and
// inflated in one call. (Node's fetch inflates a 180 KB reply in web-stream pieces, 6-8 ms more
// on this machine: a cost of that client, shown beside each REST figure, not of the server.)
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function curlLikeGet(path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
    http
      .get(`${BASE}${path}`, { agent, headers: { ...headers, "Accept-Encoding": "gzip" } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const raw = Buffer.concat(chunks);
          resolve({ status: response.statusCode ?? 0, body: response.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw });
        });
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

async function fetchGet(path: string, headers: Record<string, string>) {
  const response = await fetch(`${BASE}${path}`, { headers });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

const WARM_UPS = 10;
const SAMPLES = 60;

/**
 * ms per GET over SAMPLES calls after WARM_UPS (a route's first calls run before V8 has optimized
 * its serializer; 20 samples after 3 moved the p50 by several ms between runs); every answer must
 * be 200 with a body.
 */
async function getTimes(path: string, headers: Record<string, string>, get = curlLikeGet) {
  const measured: number[] = [];
  for (let i = 0; i < WARM_UPS + SAMPLES; i++) {
    const ms =
      (await seconds(async () => {
        const { status, body } = await get(path, headers);
        if (status !== 200 || !body.length) throw new Error(`GET ${path} answered ${status}`);
      })) * 1000;
    if (i >= WARM_UPS) measured.push(ms);
  }
  return measured;
}

export async function runPortalListingBenchmark(dir: string) {
  // What the fixture and earlier groups wrote goes to disk first, not under the measurements.
  execFileSync("sync");
  const server = await startPortal(dir);
  try {
    const users = [
      { who: "admin", name: ADMIN_NAME, password: process.env.ADMIN_PASSWORD! },
      { who: "user with 10 VMs", name: FIXTURE_USER, password: FIXTURE_PASSWORD },
    ];
    for (const user of users) {
      const authorization = await bearer(user.name, user.password);
      for (const path of ["/disks?max=100", "/vms?max=100", "/storagedomains"]) {
        const headers = { Authorization: authorization, Accept: "application/xml" };
        reportPercentiles(`REST over HTTP, ${user.who}: GET ${path}`, await getTimes(`/ovirt-engine/api${path}`, headers), 20, 50);
        console.log(`     (the same through Node's fetch: p50 ${percentile(await getTimes(`/ovirt-engine/api${path}`, headers, fetchGet), 50).toFixed(1)} ms)`);
      }
    }
    for (const user of users) {
      const { id } = await db.user.findUniqueOrThrow({ where: { name: user.name } });
      const cookie = `${SESSION_COOKIE}=${(await createSession(id)).token}`;
      for (const tab of ["/vms", "/disks", "/storage", "/templates", "/jobs", "/events"]) {
        reportPercentiles(`portal tab HTML, ${user.who}: ${tab}`, await getTimes(tab, { Cookie: cookie }), 300, 500);
      }
    }
  } finally {
    process.kill(-server.pid!, "SIGTERM");
  }
}
