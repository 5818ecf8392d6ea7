import { expect, test as setup } from "@playwright/test";
import { adminPassword, adminState } from "../playwright.config";

// Logs in once as the administrator; the portal tests reuse the session.
setup("log in as admin", async ({ page }) => {
  await page.goto("/vms");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("User name").fill("admin@internal");
  await page.getByLabel("Password").fill(adminPassword);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/vms$/);
  await page.context().storageState({ path: adminState });
});
