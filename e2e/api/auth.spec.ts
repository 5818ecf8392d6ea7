import { createHmac, randomUUID } from "node:crypto";
import { test, expect, unique } from "./support/fixtures";
import { Api, API } from "./support/api-client";
import { items } from "./support/xml";
import { E2E_TOKEN_SECRET, ADMIN_PASSWORD } from "./support/server-env";

// Authentication as the SDKs do it: a token from the SSO endpoint, bearer on every call, a new
// token on 401; and HTTP Basic for curl.

const tokenForm = (password = ADMIN_PASSWORD, scope = "ovirt-app-api") =>
  new URLSearchParams({ grant_type: "password", scope, username: "admin@internal", password }).toString();

const formHeaders = { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" };

/** A token signed with the server's secret, to reach expiry checks without waiting an hour. */
function signedToken(exp: number) {
  const payload = Buffer.from(JSON.stringify({ sub: "admin@internal", scope: "ovirt-app-api", exp, jti: randomUUID() })).toString("base64url");
  return `${payload}.${createHmac("sha256", E2E_TOKEN_SECRET).update(payload).digest("base64url")}`;
}

test("the token endpoint answers the SDK's JSON and the token opens the API", async ({ request }) => {
  const response = await request.post("/ovirt-engine/sso/oauth/token", { headers: formHeaders, data: tokenForm() });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  const body = await response.json();
  expect(Object.keys(body).sort()).toEqual(["access_token", "exp", "scope", "token_type"]);
  expect(body).toMatchObject({ scope: "ovirt-app-api", token_type: "bearer" });
  expect(body.exp).toMatch(/^\d+$/);
  expect(Number(body.exp)).toBeGreaterThan(Date.now());

  const api = new Api(request, `Bearer ${body.access_token}`);
  const root = await api.get("/");
  expect(root.status).toBe(200);
  expect(root.doc.api.product_info.version.major).toBe("4");
});

test("a bad login is a 400 JSON error the SDK reports", async ({ request }) => {
  const wrong = await request.post("/ovirt-engine/sso/oauth/token", { headers: formHeaders, data: tokenForm("not-the-password") });
  expect(wrong.status()).toBe(400);
  expect(wrong.headers()["content-type"]).toMatch(/^application\/json/);
  expect(await wrong.json()).toMatchObject({ error_code: "access_denied", error: expect.stringContaining("Cannot authenticate user") });

  const grant = await request.post("/ovirt-engine/sso/oauth/token", { headers: formHeaders, data: "grant_type=client_credentials" });
  expect(grant.status()).toBe(400);
  expect(await grant.json()).toMatchObject({ error_code: "unsupported_grant_type" });
});

test("every API route refuses a caller without valid credentials (401 with WWW-Authenticate)", async ({ request }) => {
  const name = unique("unauth");
  const callers = [new Api(request, null), new Api(request, `Basic ${Buffer.from("admin@internal:wrong").toString("base64")}`), new Api(request, "Bearer not.a-token")];
  const calls = [
    (api: Api) => api.get("/"),
    (api: Api) => api.get("/vms"),
    (api: Api) => api.get("/disks"),
    (api: Api) => api.get("/storagedomains"),
    (api: Api) => api.get("/templates"),
    (api: Api) => api.get("/jobs"),
    (api: Api) => api.get("/datacenters"),
    (api: Api) => api.get("/clusters"),
    (api: Api) => api.get(`/vms/${randomUUID()}`),
    (api: Api) => api.get("/no/such/collection"),
    (api: Api) => api.post("/vms", `<vm><name>${name}</name></vm>`),
    (api: Api) => api.delete(`/disks/${randomUUID()}`),
  ];
  for (const api of callers) {
    for (const call of calls) {
      const reply = await call(api);
      expect(reply.status).toBe(401);
      expect(reply.headers["www-authenticate"]).toContain("Basic");
      expect(reply.doc.fault.detail).toMatch(/^\[.+\]$/);
    }
  }
  const admin = new Api(request);
  expect(items(await admin.doc("/vms", { search: `name=${name}` }), "vms", "vm")).toHaveLength(0);
});

test("expired and logged-out tokens are refused, so clients log in again", async ({ request }) => {
  expect((await new Api(request, `Bearer ${signedToken(Date.now() + 60_000)}`).get("/")).status).toBe(200);
  expect((await new Api(request, `Bearer ${signedToken(Date.now() - 1000)}`).get("/")).status).toBe(401);

  const login = await (await request.post("/ovirt-engine/sso/oauth/token", { headers: formHeaders, data: tokenForm() })).json();
  const api = new Api(request, `Bearer ${login.access_token}`);
  expect((await api.get("/vms")).status).toBe(200);
  const logout = await request.post("/ovirt-engine/services/sso-logout", { headers: formHeaders, data: `scope=ovirt-app-api&token=${login.access_token}` });
  expect(logout.status()).toBe(200);
  expect(await logout.json()).toEqual({});
  expect((await api.get("/vms")).status).toBe(401);
});

test("a token issued for another scope is forbidden (403)", async ({ request }) => {
  const login = await (await request.post("/ovirt-engine/sso/oauth/token", { headers: formHeaders, data: tokenForm(ADMIN_PASSWORD, "ovirt-ext=token-info:validate") })).json();
  const reply = await new Api(request, `Bearer ${login.access_token}`).get("/vms");
  expect(reply.status).toBe(403);
  expect(reply.doc.fault.reason).toBe("Forbidden");
});

test("HTTP Basic works for curl-style clients, and JSON faults come back as JSON", async ({ request }) => {
  const json = await request.get(`${API}/vms/${randomUUID()}`, { headers: { Accept: "application/json", Authorization: `Basic ${Buffer.from(`admin@internal:${ADMIN_PASSWORD}`).toString("base64")}` } });
  expect(json.status()).toBe(404);
  expect(json.headers()["content-type"]).toBe("application/json");
  expect(await json.json()).toMatchObject({ reason: "Not Found", detail: expect.stringMatching(/^\[VM .+ doesn't exist\.\]$/) });
});

test("persistent-auth: Basic credentials with Prefer: persistent-auth get a JSESSIONID cookie that later calls use instead of credentials", async ({ playwright, baseURL }) => {
  // A context without a cookie jar of its own making: every cookie here is sent by hand.
  const client = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const basic = `Basic ${Buffer.from(`admin@internal:${ADMIN_PASSWORD}`).toString("base64")}`;
  const vms = `${API}/vms`;
  const first = await client.get(vms, { headers: { Authorization: basic, Prefer: "persistent-auth", "Session-TTL": "5" } });
  expect(first.status()).toBe(200);
  const setCookie = first.headers()["set-cookie"] ?? "";
  expect(setCookie).toMatch(/^JSESSIONID=[\w-]{40,}; Path=\/ovirt-engine\/api; HttpOnly/);
  const cookie = setCookie.split(";")[0];
  await client.dispose();

  const bare = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    const withSession = await bare.get(vms, { headers: { Cookie: cookie, Prefer: "persistent-auth" } });
    expect(withSession.status()).toBe(200);
    expect(withSession.headers()["set-cookie"]).toBeUndefined(); // the session is reused, not renewed
    expect(await withSession.text()).toContain("<vms>");
    // Without the Prefer header the cookie is not a credential, as in the engine.
    expect((await bare.get(vms, { headers: { Cookie: cookie } })).status()).toBe(401);
    expect((await bare.get(vms, { headers: { Cookie: "JSESSIONID=forged", Prefer: "persistent-auth" } })).status()).toBe(401);
    // Credentials without the Prefer header open no session.
    expect((await bare.get(vms, { headers: { Authorization: basic } })).headers()["set-cookie"]).toBeUndefined();
  } finally {
    await bare.dispose();
  }
});
