import { ensureAdminUser, ADMIN_NAME } from "@/lib/auth/users";
import { issueToken } from "@/lib/rest/auth/tokens";
import { API_SCOPE } from "@/lib/rest/auth/authenticate";
import { GET as listVms } from "@/app/ovirt-engine/api/vms/route";
import { report, seconds } from "./measure";

// GET /ovirt-engine/api/vms?max=1 through the real route handler, in-process (no HTTP), with HTTP
// Basic and with a bearer token: what authentication costs per request. The first Basic request
// pays bcrypt; later ones within a minute reuse the verified credential.


async function call(headers: Record<string, string>) {
  const response = await listVms(new Request("http://bench/ovirt-engine/api/vms?max=1", { headers: { ...headers, Accept: "application/xml" } }), {});
  if (response.status !== 200) throw new Error(`GET /vms answered ${response.status}`);
  await response.text();
}

/** Requests per second for each way of authenticating, their calls taken in turn (side by side, same conditions). */
async function rates(ways: Record<string, Record<string, string>>, rounds: number) {
  const spent = Object.fromEntries(Object.keys(ways).map((name) => [name, 0]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, headers] of Object.entries(ways)) spent[name] += await seconds(() => call(headers));
  }
  return Object.fromEntries(Object.entries(spent).map(([name, total]) => [name, rounds / total]));
}

export async function runAuthBenchmark() {
  const password = process.env.ADMIN_PASSWORD!; // set by run.ts before the environment is read
  await ensureAdminUser();
  const basic = `Basic ${Buffer.from(`${ADMIN_NAME}:${password}`).toString("base64")}`;
  const bearer = `Bearer ${issueToken(ADMIN_NAME, API_SCOPE).token}`;
  const firstBasic = await seconds(() => call({ Authorization: basic }));
  const opened = await listVms(new Request("http://bench/ovirt-engine/api/vms?max=1", { headers: { Authorization: basic, Prefer: "persistent-auth" } }), {});
  const cookie = (opened.headers.get("set-cookie") ?? "").split(";")[0];
  const ways = { basic: { Authorization: basic }, bearer: { Authorization: bearer }, session: { Cookie: cookie, Prefer: "persistent-auth" } };
  await rates(ways, 20); // warm-up: the route and the queries compiled, the caches filled
  const rate = await rates(ways, 200);
  const ratio = rate.basic / rate.bearer;
  report(
    "GET /vms?max=1 with HTTP Basic against a bearer token (in-process, 200 requests each, taken in turn)",
    `Basic ${rate.basic.toFixed(0)}/s (first request ${(firstBasic * 1000).toFixed(0)} ms, bcrypt), bearer ${rate.bearer.toFixed(0)}/s; ratio ${ratio.toFixed(2)}`,
    "Basic >= 0.8x bearer",
    ratio >= 0.8,
  );
  const sessionRatio = rate.session / rate.bearer;
  report(
    "the same with a persistent-auth session cookie (JSESSIONID) against a bearer token",
    `session ${rate.session.toFixed(0)}/s, bearer ${rate.bearer.toFixed(0)}/s; ratio ${sessionRatio.toFixed(2)}`,
    "session >= 0.8x bearer",
    sessionRatio >= 0.8,
  );
}
