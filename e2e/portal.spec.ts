import { expect, test } from "@playwright/test";
import { statfsSync } from "node:fs";
import path from "node:path";
import { Api } from "./api/support/api-client";
import { templateNamed } from "./api/support/flows";
import { items } from "./api/support/xml";
import { jobsSettle, query } from "./support";

test("the portal opens on the dashboard: counts by status, each domain's capacity as a chart, running work and recent problems", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
  const vms = page.getByRole("region", { name: "Virtual machines" });
  await expect(vms).toContainText(/\d+ down/);
  const chart = page.getByRole("figure", { name: "Storage domain capacity" });
  for (const domain of ["nfs-gold", "nfs-silver", "local-ssd", "posix-archive"]) await expect(chart.locator("svg").getByText(domain, { exact: true })).toBeVisible();
  await expect(chart.getByText(/committed .* \(\d+ %\)/).first()).toBeVisible();
  // The chart's figures are the domains' real free space, as the filesystem reports it now (a
  // test just before may still be freeing a moved disk's source: the page is read again until both agree).
  await jobsSettle();
  const figures = chart.getByRole("table", { name: "Storage domain capacity figures" });
  await expect(async () => {
    await page.reload();
    await chart.getByText("Figures").click();
    for (const domain of await query<{ id: string; name: string; path: string }>(`SELECT id, name, path FROM "StorageDomain" WHERE type = 'data'`)) {
      const stats = statfsSync(path.join(domain.path, domain.id));
      const real = (stats.bavail * stats.bsize) / 1024 ** 3;
      const shown = await figures.getByRole("row", { name: new RegExp(`^${domain.name} `) }).locator("td").nth(2).innerText();
      expect(shown, `free space of ${domain.name}`).toMatch(/ GiB$/);
      expect(Math.abs(Number.parseFloat(shown) - real), `${domain.name}: shown ${shown}, statfs ${real.toFixed(2)} GiB`).toBeLessThan(Math.max(0.1, real * 0.03));
    }
  }).toPass({ timeout: 20_000 });
  await testInfo.attach("dashboard", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  await expect(page.getByRole("region", { name: "Storage domains needing attention" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Running jobs" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Recent problems" }).getByRole("table", { name: "Events" })).toBeVisible();
  await vms.getByRole("link", { name: "Virtual machines" }).click();
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

test("the Jobs and Events pages page through their history, with the page and its size in the URL", async ({ page }) => {
  await page.goto("/events?pageSize=5");
  const events = page.getByRole("table", { name: "Events" });
  await expect(events.locator("tbody tr")).toHaveCount(5);
  await expect(page.getByText(/ items · page 1 of \d+/)).toBeVisible();
  const first = await events.locator("tbody tr").first().innerText();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText(/ · page 2 of /)).toBeVisible();
  await expect(events.locator("tbody tr").first()).not.toHaveText(first);

  await page.goto("/jobs?pageSize=2");
  await expect(page.getByRole("list", { name: "Jobs" }).locator(":scope > li")).toHaveCount(2);
  await page.getByRole("combobox", { name: "Rows per page" }).selectOption("25");
  await expect(page).toHaveURL(/pageSize=25/);
});

test("a template has oVirt's sub-tabs: its disks, the VMs made from it, where its copies are, its events and permissions", async ({ page }) => {
  await page.goto("/templates");
  await page.getByRole("link", { name: "rhel9-template" }).first().click();
  const tabs = page.getByRole("navigation", { name: "Sub-tabs" });
  await expect(page.getByRole("table", { name: "Template disks" })).toContainText("rhel9-tpl-os");

  await tabs.getByRole("link", { name: "Storage" }).click();
  await expect(page).toHaveURL(/tab=storage/);
  const storage = page.getByRole("table", { name: "Template storage" });
  await expect(storage.getByRole("row", { name: /nfs-gold/ })).toContainText("rhel9-tpl-os");
  await expect(storage.getByRole("row", { name: /local-ssd/ })).toContainText("rhel9-tpl-data");

  await tabs.getByRole("link", { name: "Virtual Machines" }).click();
  await expect(page.getByRole("list", { name: "VMs created from it" })).toBeVisible();
  await tabs.getByRole("link", { name: "Events" }).click();
  await expect(page).toHaveURL(/tab=events/);
  await tabs.getByRole("link", { name: "Permissions" }).click();
  await expect(page.getByRole("table", { name: "Permissions" }).getByRole("row", { name: /admin@internal/ })).toContainText("SuperUser");
  await expect(page.getByRole("table", { name: "Permissions" }).getByRole("row", { name: /admin@internal/ })).toContainText("System");
});

test("at 1024 × 768 the Storage Domain column is on screen without scrolling on the Disks tab and a VM's Virtual Disks tab; at 1440 'Attached to' is too", async ({ page, request }) => {
  // A long alias without spaces (aliases take 255 characters) wraps instead of pushing the columns off.
  const domain = (await query<{ id: string }>(`SELECT id FROM "StorageDomain" WHERE name = 'nfs-gold'`))[0];
  const alias = `aaa-${"long_alias_without_spaces-".repeat(4)}`;
  const added = await new Api(request).post("/disks", `<disk><name>${alias}</name><format>cow</format><provisioned_size>1048576</provisioned_size><storage_domains><storage_domain id="${domain.id}"/></storage_domains></disk>`);
  expect(added.status, added.text).toBe(201);
  await jobsSettle();
  const insideViewport = async (table: string, column: string) => {
    const header = page.getByRole("table", { name: table }).getByRole("columnheader", { name: column });
    await expect(header).toBeVisible();
    const box = (await header.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${column} of ${table} ends at ${box.x + box.width} px`).toBeLessThanOrEqual(viewport.width);
  };
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto("/disks");
  await expect(page.getByRole("table", { name: "Disks" }).getByRole("row", { name: new RegExp(alias) })).toBeVisible();
  await insideViewport("Disks", "Storage Domain");
  await insideViewport("Disks", "Attached to");
  await page.goto("/vms");
  await page.getByRole("table", { name: "Virtual machines" }).getByRole("link", { name: "db-01" }).click();
  await page.getByRole("navigation", { name: "Sub-tabs" }).getByRole("link", { name: "Virtual Disks" }).click();
  await insideViewport("Virtual disks", "Storage Domain");

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/disks");
  await insideViewport("Disks", "Storage Domain");
  await insideViewport("Disks", "Attached to");
});

test("Templates, Storage, Events, Jobs and Users sort, search and page through the URL, with the same wildcard search as the other lists", async ({ page }) => {
  await page.goto("/templates");
  const templates = page.getByRole("table", { name: "Templates" });
  await templates.getByRole("button", { name: "Name" }).click();
  await expect(page).toHaveURL(/sort=name&order=asc/);
  await templates.getByRole("button", { name: /Name/ }).click();
  await expect(page).toHaveURL(/sort=name&order=desc/);
  const names = await templates.getByRole("row").locator("td:nth-child(1)").allInnerTexts();
  expect(names).toEqual([...names].sort().reverse());
  await page.getByRole("searchbox", { name: "Search templates by name (* wildcard)" }).or(page.getByLabel("Search templates by name (* wildcard)")).fill("RHEL*");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=RHEL\*/);
  await expect(templates.getByRole("link", { name: "rhel9-template" })).toBeVisible();
  await expect(templates.getByRole("link", { name: "debian12-template" })).toHaveCount(0);

  await page.goto("/storage?sort=freeBytes&order=desc");
  const storage = page.getByRole("table", { name: "Storage domains" });
  await expect(storage.getByRole("columnheader", { name: /Space/ })).toHaveAttribute("aria-sort", "descending");
  await expect(storage.getByRole("row").nth(1)).toContainText("posix-archive"); // the 32 GiB domain has the most free space
  await page.goto("/storage?q=nfs-*");
  await expect(storage.getByRole("link", { name: "nfs-gold" })).toBeVisible();
  await expect(storage.getByRole("link", { name: "local-ssd" })).toHaveCount(0);
  await page.goto("/storage?pageSize=2");
  await expect(storage.getByRole("row")).toHaveCount(3); // header and 2 domains
  await expect(page.getByText(/page 1 of \d+/)).toBeVisible();

  await page.goto("/events");
  await page.getByLabel("Severity").selectOption("warning");
  await expect(page).toHaveURL(/severity=warning/);
  const severities = await page.getByRole("table", { name: "Events" }).getByRole("row").locator("td:nth-child(2)").allInnerTexts();
  expect(severities.every((s) => s === "warning" || s === "error" || s === "No events.")).toBe(true);
  // Search by a word of the newest message, in other case and with wildcards.
  await page.goto("/events");
  const newest = await page.getByRole("table", { name: "Events" }).getByRole("row").nth(1).locator("td:nth-child(4)").innerText();
  const word = newest.split(/\W+/).find((w) => w.length >= 4)!;
  await page.goto(`/events?q=*${encodeURIComponent(word.toUpperCase())}*`);
  const messages = await page.getByRole("table", { name: "Events" }).getByRole("row").locator("td:nth-child(4)").allInnerTexts();
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) expect(message.toLowerCase()).toContain(word.toLowerCase());

  await page.goto("/jobs");
  const jobs = page.getByRole("list", { name: "Jobs" });
  const jobCards = jobs.locator(":scope > li");
  await page.getByLabel("Status").selectOption("finished");
  await expect(page).toHaveURL(/status=finished/);
  await expect(jobCards.first()).toBeVisible();
  const finishedCount = await jobCards.count();
  for (let i = 0; i < finishedCount; i++) await expect(jobCards.nth(i).locator(":scope > div > span").nth(1)).toContainText("finished");
  await page.getByLabel("Sort").selectOption("description:asc");
  await expect(page).toHaveURL(/sort=description&order=asc/);
  const descriptions = await jobCards.locator(":scope > div > span.font-medium").allInnerTexts();
  // In the database's own order (its collation decides, as for every sorted list).
  const sorted = await query<{ description: string }>(`SELECT description FROM "Job" WHERE status = 'finished' ORDER BY description ASC, id ASC LIMIT ${descriptions.length}`);
  expect(descriptions).toEqual(sorted.map((j) => j.description));
  const jobWord = descriptions[0].split(/\W+/).find((w) => w.length >= 4)!;
  await page.goto(`/jobs?q=${encodeURIComponent(jobWord.toUpperCase())}`);
  await expect(jobCards.first()).toBeVisible();
  for (const description of await jobCards.locator(":scope > div > span.font-medium").allInnerTexts()) expect(description.toLowerCase()).toContain(jobWord.toLowerCase());

  await page.goto("/admin/users");
  await page.getByLabel("Sort users").selectOption("name:desc");
  await expect(page).toHaveURL(/sort=name&order=desc/);
  const users = await page.getByRole("table", { name: "Users" }).getByRole("row").locator("td:nth-child(1)").allInnerTexts();
  expect(users).toEqual([...users].sort().reverse());
  await page.goto("/admin/users?q=ADMIN*");
  await expect(page.getByRole("table", { name: "Users" }).getByRole("row", { name: /admin@internal/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Users" }).getByRole("row")).toHaveCount(2); // header and admin@internal
});

test("VMs and Disks sort, search and page through the URL", async ({ page }) => {
  await page.goto("/vms");
  const vms = page.getByRole("table", { name: "Virtual machines" });
  await vms.getByRole("button", { name: "Name" }).click();
  await expect(page).toHaveURL(/sort=name&order=asc/);
  await vms.getByRole("button", { name: "Name" }).click();
  await expect(page).toHaveURL(/sort=name&order=desc/);
  const names = await vms.getByRole("row").locator("td:nth-child(2)").allInnerTexts();
  expect(names.length).toBeGreaterThan(2);
  const expected = await query<{ name: string }>(`SELECT name FROM "Vm" ORDER BY name DESC, id DESC LIMIT ${names.length}`);
  expect(names).toEqual(expected.map((v) => v.name));
  await page.goto("/vms?q=WEB");
  for (const name of await vms.getByRole("row").locator("td:nth-child(2)").allInnerTexts()) expect(name.toLowerCase()).toContain("web");
  await page.goto("/vms?pageSize=2&sort=name&order=asc");
  await expect(vms.locator("tbody tr")).toHaveCount(2);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(vms.locator("tbody tr").first()).not.toContainText(names.at(-1)!);

  await page.goto("/disks?sort=provisionedSize&order=desc");
  const disks = page.getByRole("table", { name: "Disks" });
  await expect(disks.getByRole("columnheader", { name: /Virtual size/ })).toHaveAttribute("aria-sort", "descending");
  const [biggest] = await query<{ alias: string }>(`SELECT alias FROM "Disk" ORDER BY "provisionedSize" DESC, id DESC LIMIT 1`);
  await expect(disks.locator("tbody tr").first()).toContainText(biggest.alias);
  await page.goto("/disks?q=*-os");
  const aliases = await disks.locator("tbody tr td:nth-child(2)").allInnerTexts();
  expect(aliases.length).toBeGreaterThan(0);
  for (const alias of aliases) expect(alias).toMatch(/-os$/);
  await page.goto("/disks?pageSize=3");
  await expect(disks.locator("tbody tr")).toHaveCount(3);
  await expect(page.getByText(/page 1 of \d+/)).toBeVisible();
});

test("a template disk's copy is removed from one domain on the template's Disks tab; the last copy cannot be", async ({ page, request }) => {
  const api = new Api(request);
  const template = await templateNamed(api, "debian12-template");
  const disk = template.disks[0];
  const domains = items(await api.doc("/storagedomains"), "storage_domains", "storage_domain") as { id: string; name: string; type: string }[];
  const extra = domains.find((d) => d.type === "data" && !disk.domainIds.includes(d.id))!;
  const copied = await api.post(`/templates/${template.id}/disks/${disk.id}/copy`, `<action><storage_domain id="${extra.id}"/></action>`);
  expect(copied.status, copied.text).toBe(202);
  await jobsSettle();

  await page.goto(`/templates/${template.id}`);
  const copies = page.getByRole("list", { name: `Copies of ${disk.alias}` });
  const copy = copies.getByRole("listitem").filter({ hasText: extra.name });
  await copy.getByRole("button", { name: "Remove copy" }).click();
  await page.getByRole("dialog", { name: `Remove the copy of ${disk.alias} from ${extra.name}` }).getByRole("button", { name: "OK" }).click();
  await expect(page.getByText(`Done: Removing the copy of template disk ${disk.alias} from ${extra.name}`)).toBeVisible({ timeout: 30_000 });
  await jobsSettle();
  await page.reload();
  await expect(copies.getByRole("listitem").filter({ hasText: extra.name })).toHaveCount(0);
  const remaining = await copies.getByRole("listitem").count();
  if (remaining === 1) await expect(copies.getByRole("button", { name: "Remove copy" })).toHaveAttribute("title", "The last copy goes only with the template.");
});
