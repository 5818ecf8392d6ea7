import { ensureAdminUser, ADMIN_NAME } from "@/lib/auth/users";
import { issueToken } from "@/lib/rest/auth/tokens";
import { API_SCOPE } from "@/lib/rest/auth/authenticate";
import { GET as listVms } from "@/app/ovirt-engine/api/vms/route";
import { report, seconds } from "./measure";

// GET /ovirt-engine/api/vms?max=1 through the real route handler, in-process (no HTTP), with HTTP
// Basic and with a bearer token: what authentication costs per request. The first Basic request
// pays bcrypt; later ones within a minute reuse the verified credential.


async function rate(headers: Record<string, string>, count: number) {
  const call = async () => {
    const response = await listVms(new Request("http://bench/ovirt-engine/api/vms?max=1", { headers: { ...headers, Accept: "application/xml" } }), {});
    if (response.status !== 200) throw new Error(`GET /vms answered ${response.status}`);
    await response.text();
  };
  const first = await seconds(call);
  const rest = await seconds(async () => {
    for (let i = 1; i < count; i++) await call();
  });
  return { first, perSecond: (count - 1) / rest };
}

export async function runAuthBenchmark() {
  const password = process.env.ADMIN_PASSWORD!; // set by run.ts before the environment is read
  await ensureAdminUser();
  const basic = `Basic ${Buffer.from(`${ADMIN_NAME}:${password}`).toString("base64")}`;
  const bearer = `Bearer ${issueToken(ADMIN_NAME, API_SCOPE).token}`;
  await rate({ Authorization: bearer }, 20); // warm-up: the route and the queries compiled, the caches filled
  const withBasic = await rate({ Authorization: basic }, 200);
  const withBearer = await rate({ Authorization: bearer }, 200);
  const opened = await listVms(new Request("http://bench/ovirt-engine/api/vms?max=1", { headers: { Authorization: basic, Prefer: "persistent-auth" } }), {});
  const cookie = (opened.headers.get("set-cookie") ?? "").split(";")[0];
  const withSession = await rate({ Cookie: cookie, Prefer: "persistent-auth" }, 200);
  const ratio = withBasic.perSecond / withBearer.perSecond;
  report(
    "GET /vms?max=1 with HTTP Basic against a bearer token (in-process, 200 requests each)",
    `Basic ${withBasic.perSecond.toFixed(0)}/s (first request ${(withBasic.first * 1000).toFixed(0)} ms, bcrypt), bearer ${withBearer.perSecond.toFixed(0)}/s; ratio ${ratio.toFixed(2)}`,
    "Basic >= 0.8x bearer",
    ratio >= 0.8,
  );
  const sessionRatio = withSession.perSecond / withBearer.perSecond;
  report(
    "the same with a persistent-auth session cookie (JSESSIONID) against a bearer token",
    `session ${withSession.perSecond.toFixed(0)}/s, bearer ${withBearer.perSecond.toFixed(0)}/s; ratio ${sessionRatio.toFixed(2)}`,
    "session >= 0.8x bearer",
    sessionRatio >= 0.8,
  );
}
