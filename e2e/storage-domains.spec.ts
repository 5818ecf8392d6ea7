import { expect, test, type Locator, type Page, type TestInfo } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir, domainId, jobsSettle, placements, query, unique } from "./support";

// Storage domains as real mounts, through the browser: what the monitor saw per domain, a real
// unmount turning a domain inactive (and a remount bringing it back), files nothing owns and a
// volume that vanished, and the lifecycle add → maintenance → detach → remove → import → attach.

const loopImage = (name: string) => path.join(dataDir, "loop", `${name}.img`);
const onLoopMounts = existsSync(loopImage("nfs-gold"));
type DomainRow = { id: string; status: string; lastError: string | null; dataCenterId: string | null; storageType: string; maxOvercommitPct: number | null; unknownFiles: string };
const domainRow = async (id: string) => (await query<DomainRow>(`SELECT * FROM "StorageDomain" WHERE id = ?`, id))[0];

function listRow(page: Page, name: string) {
  return page.getByRole("table", { name: "Storage domains" }).getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
}

/** Reloads until the server-rendered page shows what the monitor has meanwhile recorded. */
async function reloadUntil(page: Page, locator: Locator, text: string) {
  await expect(async () => {
    await page.reload();
    await expect(locator).toContainText(text, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

/** Kept in test-results for a look at the layout (not attached: the JSON report would inline it). */
async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

async function confirm(page: Page, button: string, confirmLabel = "OK") {
  await page.getByRole("button", { name: button, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: confirmLabel, exact: true }).click();
  await expect(dialog).toBeHidden();
}

test("the Storage tab shows each domain's own filesystem, size and last check", async ({ page }, testInfo) => {
  test.skip(!onLoopMounts, "demo domains are plain directories here (no loop devices)");
  await page.goto("/storage");
  const sizes: Record<string, number> = { "nfs-gold": 8, "nfs-silver": 16, "local-ssd": 4, "posix-archive": 32, export: 8 };
  for (const [name, gib] of Object.entries(sizes)) {
    const row = listRow(page, name);
    await expect(row).toContainText(new RegExp(`posixfs · ext4 · /dev/loop\\d+ \\(…/${name}\\.img\\)`));
    await expect(row).toContainText(/checked \d+ (s|min) ago · read [\d.]+ ms/);
    // ext4 keeps a little for itself: the total is the filesystem's, just under the image size.
    const total = Number((await row.innerText()).match(/free of ([\d.]+) GiB/)?.[1]);
    expect(total, name).toBeGreaterThan(gib * 0.9);
    expect(total, name).toBeLessThanOrEqual(gib);
    await expect(row).toContainText(/committed [\d.]+ \w+ = \d+ % of/);
  }
  await screenshot(page, testInfo, "storage-tab");
});

test("a domain whose filesystem is unmounted turns inactive with its reason, and active when mounted again", async ({ page }, testInfo) => {
  test.skip(!onLoopMounts, "demo domains are plain directories here (no loop devices)");
  await jobsSettle();
  // A lazy unmount of a filesystem a running VM still holds would leave it mounted underneath.
  const name = "local-ssd";
  const id = await domainId(name);
  expect(await query(`SELECT DISTINCT vm.name FROM "Vm" vm JOIN "DiskAttachment" a ON a."vmId" = vm.id JOIN "Volume" v ON v."diskId" = a."diskId" WHERE v."storageDomainId" = ? AND vm.status != 'down'`, id)).toEqual([]);
  const mountDir = path.join(dataDir, "domains", name);
  execFileSync("umount", ["-l", mountDir]);
  try {
    await page.goto(`/storage/${id}`);
    await reloadUntil(page, page.getByRole("status"), "Inactive");
    const { status, lastError } = await domainRow(id);
    expect(status).toBe("inactive");
    expect(lastError).toMatch(/not a mount point|not mounted/);
    await expect(page.getByRole("status")).toContainText(lastError!);
    await screenshot(page, testInfo, "inactive-domain");
    await page.goto("/storage");
    await expect(listRow(page, name).getByText("inactive", { exact: true })).toBeVisible();
    await expect(listRow(page, name)).toContainText(lastError!);
  } finally {
    execFileSync("mount", ["-o", "loop", loopImage(name), mountDir]);
    await expect.poll(async () => (await domainRow(id)).status, { timeout: 20_000 }).toBe("active");
  }
  await page.goto(`/storage/${id}`);
  await expect(page.getByRole("button", { name: "Maintenance" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveCount(0);
  expect((await domainRow(id)).lastError).toBeNull();
});

test("files nothing owns are listed and kept; a disk whose volume vanished is illegal, with the reason", async ({ page }) => {
  await jobsSettle();
  expect((await query<{ status: string }>(`SELECT status FROM "Vm" WHERE name = 'db-01'`))[0].status).toBe("down");
  const disk = (await placements({ vm: "db-01" })).find((d) => d.domain === "posix-archive")!;
  const id = await domainId("posix-archive");
  const stray = path.join(path.dirname(disk.file), "vol.bak");
  writeFileSync(stray, "left behind by hand");
  renameSync(disk.file, `${disk.file}.moved`);
  try {
    await page.goto(`/storage/${id}`);
    const section = page.getByRole("region", { name: /Unknown files/ });
    await reloadUntil(page, section, `images/${disk.diskId}/vol.bak`);
    await expect(section).toContainText("never deleted");
    expect(existsSync(stray)).toBe(true);

    await page.goto(`/storage/${id}?tab=disks&q=${disk.alias}`);
    const row = page.getByRole("table", { name: "Disks on this domain" }).getByRole("row").filter({ hasText: disk.alias });
    await reloadUntil(page, row, "illegal");
    const [{ statusReason }] = await query<{ statusReason: string }>(`SELECT "statusReason" FROM "Disk" WHERE id = ?`, disk.diskId);
    expect(statusReason).toMatch(/^Missing volume/);
    await expect(row).toContainText(statusReason);
  } finally {
    renameSync(`${disk.file}.moved`, disk.file);
    rmSync(stray, { force: true });
    await expect.poll(async () => (await query<{ status: string }>(`SELECT status FROM "Disk" WHERE id = ?`, disk.diskId))[0].status, { timeout: 20_000 }).toBe("ok");
  }
  await expect.poll(async () => (await domainRow(id)).unknownFiles, { timeout: 20_000 }).toBe("[]");
});

test("add a local domain, maintenance, detach, remove; import it back, attach, and remove it with format", async ({ page }) => {
  const name = unique("ui-sd");
  const dir = path.join(dataDir, "ui-domains", name);
  mkdirSync(dir, { recursive: true });

  await page.goto("/storage");
  await page.getByRole("button", { name: "New domain" }).click();
  const add = page.getByRole("dialog", { name: "New Storage Domain" });
  await add.getByLabel("Name").fill(name);
  await add.getByLabel("Storage type").selectOption("localfs");
  await expect(add).toContainText("existing, empty directory");
  await add.getByLabel("Directory (absolute path)").fill(dir);
  await add.getByRole("button", { name: "Add domain" }).click();
  await expect(add).toBeHidden();
  await listRow(page, name).getByRole("link", { name }).click();
  const id = (await query<{ id: string }>(`SELECT id FROM "StorageDomain" WHERE name = ?`, name))[0].id;
  expect(await domainRow(id)).toMatchObject({ status: "active", storageType: "localfs" });
  expect(existsSync(path.join(dir, id, "dom_md", "metadata"))).toBe(true);

  // The overcommit limit: a number, then empty for none.
  for (const [typed, stored] of [["250", 250], ["", null]] as const) {
    await page.getByRole("button", { name: "Thresholds" }).click();
    await page.getByLabel("Max overcommit %").fill(typed);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("dialog")).toBeHidden();
    await expect.poll(async () => (await domainRow(id)).maxOvercommitPct).toBe(stored);
  }

  await confirm(page, "Maintenance");
  expect((await domainRow(id)).status).toBe("maintenance");
  await confirm(page, "Detach");
  await expect(page.getByRole("button", { name: "Attach" })).toBeVisible();
  expect(await domainRow(id)).toMatchObject({ status: "unattached", dataCenterId: null });
  await confirm(page, "Remove", "Remove");
  await expect(page).toHaveURL(/\/storage$/);
  await expect(listRow(page, name)).toHaveCount(0);
  expect(await domainRow(id)).toBeUndefined();
  expect(existsSync(path.join(dir, id, "dom_md", "metadata"))).toBe(true);

  // Import: a path without a domain is refused in the dialog; the real one comes back unattached.
  const empty = path.join(dataDir, "ui-domains", unique("empty"));
  mkdirSync(empty, { recursive: true });
  await page.getByRole("button", { name: "Import domain" }).click();
  const importDialog = page.getByRole("dialog", { name: "Import Storage Domain" });
  await importDialog.getByLabel("Storage type").selectOption("localfs");
  await importDialog.getByLabel("Path").fill(empty);
  await importDialog.getByLabel("Attach to data center").selectOption({ label: "Leave unattached" });
  await importDialog.getByRole("button", { name: "Import" }).click();
  await expect(importDialog.getByRole("alert").first()).toContainText("no storage domain metadata");
  await importDialog.getByLabel("Path").fill(dir);
  await importDialog.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(new RegExp(`/storage/${id}$`));
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  expect(await domainRow(id)).toMatchObject({ status: "unattached", storageType: "localfs" });

  await page.getByRole("button", { name: "Attach", exact: true }).click();
  await page.getByRole("dialog").getByLabel("Data center").selectOption({ label: "Default" });
  await page.getByRole("dialog").getByRole("button", { name: "Attach" }).click();
  await expect(page.getByRole("button", { name: "Maintenance" })).toBeVisible();
  expect((await domainRow(id)).status).toBe("active");

  await confirm(page, "Maintenance");
  await confirm(page, "Detach");
  await page.getByRole("button", { name: "Remove", exact: true }).click();
  const remove = page.getByRole("dialog");
  await remove.getByLabel("Also delete its files from storage (format)").check();
  await remove.getByRole("button", { name: "Remove" }).click();
  await expect(page).toHaveURL(/\/storage$/);
  expect(await domainRow(id)).toBeUndefined();
  expect(existsSync(path.join(dir, id))).toBe(false);
  expect(existsSync(dir)).toBe(true);
});
