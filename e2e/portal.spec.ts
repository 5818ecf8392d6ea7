import { expect, test } from "@playwright/test";

test("the portal opens on the VM list with the demo data", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/vms$/);
  const table = page.getByRole("table", { name: "Virtual machines" });
  await expect(table.getByRole("link", { name: "db-01" })).toBeVisible();
  await expect(table.getByRole("link", { name: "web-01" })).toBeVisible();
});

test("an unknown id is a 404 inside the portal, with its navigation; an unknown path a 404 page; the portal has an icon", async ({ page, request }) => {
  const reply = await page.goto("/vms/00000000-0000-4000-8000-000000000000");
  expect(reply?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const unknown = await page.goto("/no-such-page");
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: /page not found/ })).toBeVisible();
  const icon = await request.get("/icon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
  await page.goto("/vms");
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", /icon\.svg/);
});
