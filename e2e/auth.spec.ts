import { expect, test, type Page } from "@playwright/test";
import { adminPassword } from "../playwright.config";
import { domainId, jobsSettle, query, unique } from "./support";

test.use({ storageState: { cookies: [], origins: [] } });

async function logIn(page: Page, name: string, password: string, expectSuccess = true) {
  await page.goto("/login");
  await page.getByLabel("User name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  if (expectSuccess) await expect(page).toHaveURL(/:\d+\/$/); // the dashboard
}

test("an unauthenticated page sends the browser to the login page", async ({ page }) => {
  await page.goto("/storage");
  await expect(page).toHaveURL(/\/login\?next=%2Fstorage/);
  await expect(page.getByRole("heading", { name: "Log in to Multistore" })).toBeVisible();
});

test("a wrong password is refused inline and sets no cookie", async ({ page, context }) => {
  await logIn(page, "admin@internal", "not-the-password", false);
  await expect(page.getByText("Wrong user name or password.")).toBeVisible();
  expect((await context.cookies()).filter((c) => c.name === "multistore_session")).toHaveLength(0);
});

test("the session cookie is HttpOnly, SameSite and replaced at each login", async ({ page, context }) => {
  await logIn(page, "admin@internal", adminPassword);
  const first = (await context.cookies()).find((c) => c.name === "multistore_session")!;
  expect(first).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  expect(first.expires).toBeGreaterThan(Date.now() / 1000);
  await logIn(page, "admin@internal", adminPassword);
  const second = (await context.cookies()).find((c) => c.name === "multistore_session")!;
  expect(second.value).not.toBe(first.value);
  // The replaced session no longer opens the portal.
  await context.clearCookies();
  await context.addCookies([{ ...first }]);
  await page.goto("/vms");
  await expect(page).toHaveURL(/\/login/);
});

test("server actions refuse a cross-origin request", async ({ page }) => {
  await logIn(page, "admin@internal", adminPassword);
  const vm = (await query<{ id: string }>(`SELECT id FROM "Vm" WHERE name = 'web-01'`))[0];
  // Settled snapshots only: a replay must not race the first one's job, which locks the VM.
  const snapshots = async () => (await query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM "Snapshot" WHERE "vmId" = ? AND status = 'ok'`, vm.id))[0].n;
  await page.goto(`/vms/${vm.id}?tab=snapshots`);
  await page.getByLabel("Snapshot description").fill(unique("real"));
  // Capture the browser's own server-action request...
  const [action] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]),
    page.getByRole("button", { name: "Create snapshot" }).click(),
  ]);
  await expect.poll(snapshots).toBe(1);
  const replay = (origin: string) => page.request.post(action.url(), { headers: { ...action.headers(), origin }, data: action.postData() ?? "" });
  // ...replayed from another site: refused, nothing created.
  const forged = await replay("https://evil.example");
  expect(forged.ok()).toBe(false);
  await jobsSettle();
  expect((await query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM "Snapshot" WHERE "vmId" = ?`, vm.id))[0].n).toBe(1);
  // The same replay from the portal's own origin works, so the origin alone made the difference.
  const same = await replay(new URL(page.url()).origin);
  expect(same.ok()).toBe(true);
  await expect.poll(snapshots).toBe(2);
});

test("a read-only user sees the portal but every change is refused with the reason", async ({ page }) => {
  // The administrator creates the user and grants ReadOnlyAdmin through the admin page.
  await logIn(page, "admin@internal", adminPassword);
  const name = unique("viewer");
  await page.goto("/admin/users");
  await page.getByLabel("New user name").fill(name);
  await page.getByLabel("Password").fill("viewer-password-1");
  await page.getByRole("button", { name: "Create user" }).click();
  const grant = page.getByRole("group", { name: `Grant to ${name}` });
  await grant.getByLabel("Role").selectOption("ReadOnlyAdmin");
  await grant.getByRole("button", { name: "Grant" }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("ReadOnlyAdmin on the system");

  await page.getByRole("button", { name: "Log out" }).click();
  await logIn(page, name, "viewer-password-1");
  await expect(page.getByRole("figure", { name: "Storage domain capacity" })).toBeVisible();
  await page.goto("/vms");
  await expect(page.getByRole("link", { name: "web-01" })).toBeVisible();
  await page.getByRole("button", { name: "New VM", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "New Virtual Machine" });
  await dialog.getByLabel("Name").fill(unique("ro"));
  await dialog.getByLabel("Storage domain").selectOption(await domainId("nfs-gold"));
  await dialog.getByRole("button", { name: "Create VM" }).click();
  await expect(dialog.getByRole("alert").first()).toContainText("is not permitted to create VMs");
  await page.goto("/admin/users");
  await expect(page.getByText(/not permitted to manage users/)).toBeVisible();
});
