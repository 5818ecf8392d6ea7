import { execFileSync } from "node:child_process";
import { vmWithDisks } from "./api/support/flows";
import { expect, test } from "./api/support/fixtures";
import { jobsSettle, placements } from "./support";

// The placement map: VM × storage domain, each disk in the cell of the domain it lives on; disks
// picked in several cells move together, each to its own target, in one job.

test("the placement map shows where each disk lives and moves a selection of 3 disks, each to its own domain, three rows locked at once with their own progress", async ({ page, api, domains }, testInfo) => {
  test.setTimeout(180_000); // 3 GiB written, then moved
  const [gold, silver, ssd] = [domains["nfs-gold"], domains["nfs-silver"], domains["local-ssd"]];
  const vm = await vmWithDisks(api, "map", [gold.id, silver.id, ssd.id], { sizeBytes: 2 * 1024 ** 3 });
  await page.goto(`/placement?q=${vm.name}`);
  await expect(page.getByRole("link", { name: "Placement" })).toHaveAttribute("aria-current", "page");
  const map = page.getByRole("table", { name: "Placement of VM disks" });
  const row = map.getByRole("row", { name: `VM ${vm.name}` });
  await expect(row.getByRole("cell", { name: `${vm.name} on nfs-gold` })).toContainText(`${vm.name}-d0`);
  await expect(row.getByRole("cell", { name: `${vm.name} on nfs-silver` })).toContainText(`${vm.name}-d1`);
  await expect(row.getByRole("cell", { name: `${vm.name} on local-ssd` })).toContainText(`${vm.name}-d2`);
  await expect(row.getByRole("cell", { name: `${vm.name} on posix-archive` })).toHaveText("");
  await expect(page.getByRole("table", { name: "Placement of template disks" }).getByRole("row", { name: "Template rhel9-template" })).toBeVisible();
  await testInfo.attach("placement map", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });

  // Real data in each disk, so the copies take long enough to watch side by side.
  for (const disk of await placements({ vm: vm.name })) execFileSync("qemu-io", ["-f", "qcow2", "-c", "write -P 0x5a 0 1G", disk.file], { stdio: "ignore" });
  const targets: Record<string, string> = { [`${vm.name}-d0`]: silver.id, [`${vm.name}-d1`]: ssd.id, [`${vm.name}-d2`]: gold.id };
  for (const alias of Object.keys(targets)) await row.getByRole("checkbox", { name: `Select disk ${alias}` }).check();
  await expect(page.getByText("3 disk(s) selected")).toBeVisible();
  await page.getByRole("button", { name: "Move", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Move 3 disks" });
  for (const [alias, target] of Object.entries(targets)) await dialog.getByLabel(`Target domain for ${alias}`).selectOption(target);
  await dialog.getByRole("button", { name: "Move" }).click();
  await expect(dialog).toBeHidden();
  // The three disks show locked at once, each with its own step's progress, while the job runs:
  // taken in one look at the row, as the copies may end moments later.
  const lookAtRow = () =>
    row.evaluate((el) => ({
      bars: [...el.querySelectorAll('[role="progressbar"]')].map((bar) => bar.getAttribute("aria-label")?.replace(/: Moving disks.*/, "")).sort(),
      locked: [...el.querySelectorAll("*")].filter((node) => node.childElementCount === 0 && node.textContent?.trim() === "locked").length,
    }));
  await expect.poll(lookAtRow, { intervals: [50] }).toEqual({ bars: Object.keys(targets).sort(), locked: 3 });
  // A toast confirms the start, follows the job and reports its end, with a link to the job.
  const toast = page.getByRole("region", { name: /Notifications/ }).getByRole("listitem").filter({ hasText: /Job started|Started: |Done: / });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText(`Done: Moving disks ${vm.name}-d`, { timeout: 60_000 });
  await toast.getByRole("button", { name: "View job" }).click();
  await expect(page).toHaveURL(/\/jobs#job-/);
  await jobsSettle();
  await page.goto(`/placement?q=${vm.name}`);

  const after = await placements({ vm: vm.name });
  expect(Object.fromEntries(after.map((d) => [d.alias, d.domain]))).toEqual({ [`${vm.name}-d0`]: "nfs-silver", [`${vm.name}-d1`]: "local-ssd", [`${vm.name}-d2`]: "nfs-gold" });
  expect(after.every((d) => d.status === "ok")).toBe(true);
  await expect(row.getByRole("cell", { name: `${vm.name} on nfs-silver` })).toContainText(`${vm.name}-d0`);
  await expect(row.getByRole("cell", { name: `${vm.name} on nfs-gold` })).toContainText(`${vm.name}-d2`);
  await expect(row.getByRole("cell", { name: `${vm.name} on nfs-gold` })).not.toContainText(`${vm.name}-d0`);
});

test("the placement map filters by VM name (with wildcards) and by domain, in the URL", async ({ page, domains }) => {
  await page.goto("/placement");
  await page.getByRole("searchbox", { name: "Search VMs (name, * wildcard)" }).or(page.getByLabel("Search VMs (name, * wildcard)")).fill("DB-*");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=DB-\*/);
  const map = page.getByRole("table", { name: "Placement of VM disks" });
  await expect(map.getByRole("row", { name: "VM db-01" })).toBeVisible();
  await expect(map.getByRole("row", { name: "VM web-01" })).toHaveCount(0);

  await page.goto("/placement");
  await page.getByLabel("Only VMs with disks on").selectOption(domains["posix-archive"].id);
  await expect(page).toHaveURL(new RegExp(`domain=${domains["posix-archive"].id}`));
  await expect(map.getByRole("columnheader")).toHaveCount(2); // VM and posix-archive
  for (const cell of await map.getByRole("cell", { name: /on posix-archive$/ }).all()) await expect(cell.getByRole("checkbox").first()).toBeVisible();
});
