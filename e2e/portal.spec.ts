import { expect, test } from "@playwright/test";

test("the portal opens on the VM list with the demo data", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/vms$/);
  const table = page.getByRole("table", { name: "Virtual machines" });
  await expect(table.getByRole("link", { name: "db-01" })).toBeVisible();
  await expect(table.getByRole("link", { name: "web-01" })).toBeVisible();
});
