import { test, expect } from "@playwright/test";

// The portal's REST API reference: reachable from the navigation, listing the flows.

test("the REST API page is linked from the navigation and documents the per-disk flows", async ({ page }) => {
  await page.goto("/vms");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "REST API" }).click();
  await expect(page).toHaveURL(/\/api-docs$/);
  await expect(page.getByRole("heading", { level: 1, name: "REST API" })).toBeVisible();
  for (const section of ["Authentication", "Virtual machines", "Disks", "Templates", "Import from an export domain", "Snapshots", "Jobs"]) {
    await expect(page.getByRole("heading", { level: 2, name: section })).toBeVisible();
  }
  await expect(page.getByRole("heading", { level: 3, name: /POST\s*\/ovirt-engine\/api\/templates\/\{id\}\/clone/ })).toBeVisible();
  await expect(page.getByText("copy_then_thin").first()).toBeVisible();
});
