import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { dataDir, domainId, jobsSettle, placements, qemuInfo, query, unique } from "./support";

async function exportFrom(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: /Export/ });
  await dialog.getByLabel("Replace an earlier export").check();
  await dialog.getByRole("button", { name: "Export", exact: true }).click();
  await expect(dialog).toBeHidden();
  await jobsSettle();
}

async function importFromExportDomain(page: Page, tab: "VM Import" | "Template Import", item: string, newName: string, targets: string[]) {
  await page.goto(`/storage/${await domainId("export")}`);
  await page.getByRole("link", { name: tab }).click();
  await page.getByRole("button", { name: `Import ${item}` }).click();
  const dialog = page.getByRole("dialog", { name: new RegExp(`Import .* ${item}`) });
  await dialog.getByLabel("Name after import").fill(newName);
  const pickers = await dialog.getByLabel(/Storage domain for/).all();
  expect(pickers).toHaveLength(3);
  for (const [i, picker] of pickers.entries()) await picker.selectOption(await domainId(targets[i]));
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("heading", { name: newName })).toBeVisible();
  await jobsSettle();
}

test("import a VM with 3 disks on 3 domains", async ({ page }) => {
  const vm = (await query<{ id: string }>(`SELECT id FROM "Vm" WHERE name = 'db-01'`))[0];
  await exportFrom(page, `/vms/${vm.id}`);
  const name = unique("ui-imported");
  const targets = ["local-ssd", "nfs-gold", "nfs-silver"];
  await importFromExportDomain(page, "VM Import", "db-01", name, targets);
  const disks = await placements({ vm: name });
  expect(disks).toHaveLength(3);
  expect(disks.map((d) => d.domain).sort()).toEqual([...targets].sort());
  for (const disk of disks) {
    expect(disk.status).toBe("ok");
    expect(qemuInfo(disk.file)["virtual-size"]).toBeGreaterThan(0);
  }
});

test("an exported VM is removed from the export domain, with its files", async ({ page }) => {
  const vm = (await query<{ id: string }>(`SELECT id FROM "Vm" WHERE name = 'web-01'`))[0];
  await exportFrom(page, `/vms/${vm.id}`);
  const exportId = await domainId("export");
  const ovf = path.join(dataDir, "domains", "export", exportId, "master", "vms", vm.id, `${vm.id}.ovf`);
  expect(existsSync(ovf)).toBe(true);
  await page.goto(`/storage/${exportId}`);
  await page.getByRole("link", { name: "VM Import" }).click();
  const row = page.getByRole("row", { name: /web-01/ });
  await row.getByRole("button", { name: "Remove" }).click();
  const dialog = page.getByRole("dialog", { name: /Remove web-01/ });
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row", { name: /web-01/ })).toHaveCount(0);
  expect(existsSync(path.dirname(ovf))).toBe(false);
});

test("import a template with 3 disks on 3 domains", async ({ page }) => {
  const template = (await query<{ id: string }>(`SELECT id FROM "Template" WHERE name = 'rhel9-template'`))[0];
  await exportFrom(page, `/templates/${template.id}`);
  const name = unique("ui-tpl-imported");
  const targets = ["posix-archive", "local-ssd", "nfs-gold"];
  await importFromExportDomain(page, "Template Import", "rhel9-template", name, targets);
  const disks = await placements({ template: name });
  expect(disks.map((d) => d.domain).sort()).toEqual([...targets].sort());
  for (const disk of disks) expect(qemuInfo(disk.file).format).toBe("qcow2");
});

test("Storage › Virtual Disks lists every disk on the domain with its owner", async ({ page }) => {
  await page.goto("/storage");
  await page.getByRole("table", { name: "Storage domains" }).getByRole("link", { name: "nfs-silver" }).click();
  await page.getByRole("navigation", { name: "Sub-tabs" }).getByRole("link", { name: "Virtual Disks" }).click();
  const table = page.getByRole("table", { name: "Disks on this domain" });
  const expected = await query<{ alias: string }>(`SELECT DISTINCT d.alias FROM "Disk" d JOIN "Volume" v ON v."diskId" = d.id JOIN "StorageDomain" sd ON sd.id = v."storageDomainId" WHERE sd.name = 'nfs-silver'`);
  expect(expected.length).toBeGreaterThan(2);
  for (const { alias } of expected) await expect(table.getByRole("cell", { name: alias, exact: true })).toBeVisible();
  await expect(table.getByRole("link", { name: "VM db-01" })).toBeVisible();
  await page.getByRole("navigation", { name: "Sub-tabs" }).getByRole("link", { name: "Virtual Machines" }).click();
  await expect(page.getByRole("table", { name: "Virtual machines on this domain" }).getByRole("link", { name: "db-01" })).toBeVisible();
});

test("a domain in maintenance or short of space is refused, with the reason", async ({ page }) => {
  const archive = await domainId("posix-archive");
  await page.goto(`/storage/${archive}`);
  await page.getByRole("button", { name: "Maintenance" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "OK" }).click();
  await expect(page.getByRole("button", { name: "Activate" })).toBeVisible();
  try {
    await page.goto("/vms");
    await page.getByRole("button", { name: "New VM", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "New Virtual Machine" });
    const option = dialog.getByLabel("Storage domain").locator("option", { hasText: "posix-archive" });
    await expect(option).toBeDisabled();
    await expect(option).toContainText("refused: in maintenance");
  } finally {
    await page.goto(`/storage/${archive}`);
    await page.getByRole("button", { name: "Activate" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "OK" }).click();
    await expect(page.getByRole("button", { name: "Maintenance" })).toBeVisible();
  }

  // Space: the server refuses too, and says so next to the field, when the picker could not know.
  await page.goto("/vms");
  await page.getByRole("button", { name: "New VM", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "New Virtual Machine" });
  await dialog.getByLabel("Name").fill(unique("ui-nospace"));
  await dialog.getByLabel("Storage domain").selectOption(archive);
  // Meanwhile an administrator raises the critical threshold above the free space.
  const other = await page.context().newPage();
  await other.goto(`/storage/${archive}`);
  await other.getByRole("button", { name: "Thresholds" }).click();
  await other.getByLabel("Critical space blocker (GiB free)").fill("100000");
  await other.getByRole("button", { name: "Save" }).click();
  await expect(other.getByRole("dialog")).toBeHidden();
  try {
    await dialog.getByRole("button", { name: "Create VM" }).click();
    await expect(dialog.getByRole("alert").first()).toContainText("lacks space");
    await expect(dialog.getByRole("group", { name: "Disk 1" }).getByRole("alert")).toContainText("posix-archive lacks space");
  } finally {
    await other.getByRole("button", { name: "Thresholds" }).click();
    await other.getByLabel("Critical space blocker (GiB free)").fill("1");
    await other.getByRole("button", { name: "Save" }).click();
    await expect(other.getByRole("dialog")).toBeHidden();
  }
});

test("a move shows its progress without a reload", async ({ page }) => {
  // Writing and then moving 3 GiB takes most of a minute on a slow disk: allow for it.
  test.setTimeout(180_000);
  const disk = (await placements({ vm: "build-01" })).find((d) => d.alias.endsWith("tpl-data"))!;
  // Give the disk real data, so the copy takes long enough to watch.
  const writes = [0, 1, 2].flatMap((g) => ["-c", `write -P 0x5a ${g}G 1G`]); // qemu-io takes < 2 GiB per request
  execFileSync("qemu-io", ["-f", "qcow2", ...writes, disk.file], { stdio: "ignore" });
  const target = disk.domain === "nfs-gold" ? "local-ssd" : "nfs-gold";
  await page.goto("/disks");
  const table = page.getByRole("table", { name: "Disks" });
  await table.getByRole("row").filter({ has: page.getByRole("cell", { name: disk.alias, exact: true }) }).getByRole("checkbox").check();
  await page.getByRole("button", { name: "Move", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Move disk" });
  await dialog.getByLabel(`Target domain for ${disk.alias}`).selectOption(await domainId(target));
  await dialog.getByRole("button", { name: "Move" }).click();
  await expect(page.getByRole("progressbar", { name: new RegExp(`${disk.alias}: Moving`) })).toBeVisible();
  await jobsSettle();
  await expect(page.getByRole("progressbar", { name: new RegExp(`${disk.alias}: Moving`) })).toHaveCount(0);
  await expect(table.getByRole("row").filter({ has: page.getByRole("cell", { name: disk.alias, exact: true }) })).toContainText(target);
  expect((await placements({ vm: "build-01" })).find((d) => d.alias === disk.alias)!.domain).toBe(target);
});
