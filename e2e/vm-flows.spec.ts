import { existsSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { Api } from "./api/support/api-client";
import { vmWithDisks } from "./api/support/flows";
import { domainId, jobsSettle, lastJob, placements, qemuInfo, query, unique } from "./support";

const GiB = 1024 ** 3;

async function openVm(page: Page, name: string, tab = "general") {
  await page.goto("/vms");
  await page.getByRole("table", { name: "Virtual machines" }).getByRole("link", { name, exact: true }).click();
  if (tab !== "general") await page.getByRole("link", { name: tab === "disks" ? "Virtual Disks" : tab }).click();
}

test("create a VM with 3 disks on 3 domains", async ({ page }) => {
  const name = unique("ui-vm");
  await page.goto("/vms");
  await page.getByRole("button", { name: "New VM", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "New Virtual Machine" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Add disk" }).click();
  await dialog.getByRole("button", { name: "Add disk" }).click();
  const plan = [
    { domain: "nfs-gold", size: "2", format: "qcow2" },
    { domain: "nfs-silver", size: "1", format: "raw" },
    { domain: "posix-archive", size: "3", format: "qcow2" },
  ];
  for (const [i, p] of plan.entries()) {
    const group = dialog.getByRole("group", { name: `Disk ${i + 1}` });
    await group.getByLabel("Size").fill(p.size);
    await group.getByLabel("Format").selectOption(p.format);
    await group.getByLabel("Storage domain").selectOption(await domainId(p.domain));
  }
  await dialog.getByRole("button", { name: "Create VM" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await jobsSettle();
  expect((await lastJob()).status).toBe("finished");

  const disks = await placements({ vm: name });
  expect(disks.map((d) => d.domain)).toEqual(["nfs-gold", "nfs-silver", "posix-archive"]);
  for (const [i, disk] of disks.entries()) {
    const info = qemuInfo(disk.file);
    expect(info.format).toBe(plan[i].format);
    expect(info["virtual-size"]).toBe(Number(plan[i].size) * GiB);
    expect(disk.file).toContain(`/domains/${plan[i].domain}/`);
  }
  // The Virtual Disks sub-tab shows each disk's Storage Domain.
  await page.getByRole("link", { name: "Virtual Disks" }).click();
  const table = page.getByRole("table", { name: "Virtual disks" });
  await expect(table.getByRole("columnheader", { name: "Storage Domain" })).toBeVisible();
  for (const disk of disks) await expect(table.getByRole("row", { name: new RegExp(disk.alias) }).getByRole("link", { name: disk.domain })).toBeVisible();
});

test("add a disk to a VM on a domain the VM does not use yet", async ({ page }) => {
  const before = await placements({ vm: "web-01" });
  expect(before.map((d) => d.domain)).not.toContain("posix-archive");
  await openVm(page, "web-01", "disks");
  await page.getByRole("button", { name: "Add disk" }).click();
  const dialog = page.getByRole("dialog", { name: "Add Virtual Disk" });
  const alias = unique("extra");
  await dialog.getByLabel("Alias").fill(alias);
  await dialog.getByLabel("Size").fill("5");
  await dialog.getByLabel("Storage domain").selectOption(await domainId("posix-archive"));
  await dialog.getByRole("button", { name: "Add disk" }).click();
  await expect(dialog).toBeHidden();
  await jobsSettle();
  const added = (await placements({ vm: "web-01" })).find((d) => d.alias === alias)!;
  expect(added.domain).toBe("posix-archive");
  expect(qemuInfo(added.file)["virtual-size"]).toBe(5 * GiB);
  await expect(page.getByRole("table", { name: "Virtual disks" }).getByRole("row", { name: new RegExp(alias) })).toContainText("posix-archive");
});

test("move a disk to a domain the VM does not use", async ({ page }) => {
  const disk = (await placements({ vm: "db-01" })).find((d) => d.domain === "nfs-gold")!;
  expect((await placements({ vm: "db-01" })).map((d) => d.domain)).not.toContain("local-ssd");
  await openVm(page, "db-01", "disks");
  const table = page.getByRole("table", { name: "Virtual disks" });
  await table.getByRole("row", { name: new RegExp(disk.alias) }).getByRole("checkbox").check();
  await page.getByRole("button", { name: "Move", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Move disk" });
  const picker = dialog.getByLabel(`Target domain for ${disk.alias}`);
  await expect(picker.locator("option", { hasText: "nfs-gold" })).toHaveCount(0); // the current domain is not offered
  await picker.selectOption(await domainId("local-ssd"));
  await dialog.getByRole("button", { name: "Move" }).click();
  await expect(dialog).toBeHidden();
  await jobsSettle();
  const moved = (await placements({ vm: "db-01" })).find((d) => d.alias === disk.alias)!;
  expect(moved.domain).toBe("local-ssd");
  expect(qemuInfo(moved.file).format).toBe("qcow2");
  await expect(table.getByRole("row", { name: new RegExp(disk.alias) })).toContainText("local-ssd");
});

test("create a VM from a 3-disk template, each disk on its own domain", async ({ page }) => {
  const name = unique("ui-thin");
  await page.goto("/vms");
  await page.getByRole("button", { name: "New VM from template" }).click();
  const dialog = page.getByRole("dialog", { name: "New VM from Template" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Template", { exact: true }).selectOption({ label: "rhel9-template" });
  const templateDisks = await placements({ template: "rhel9-template" });
  // thin where the template has its copy; one disk cloned onto a fourth domain
  await dialog.getByLabel("Allocation for rhel9-tpl-data").selectOption("clone");
  await dialog.getByLabel("Storage domain for rhel9-tpl-data").selectOption(await domainId("posix-archive"));
  await dialog.getByRole("button", { name: "Create VM" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await jobsSettle();
  const disks = await placements({ vm: name });
  expect(new Set(disks.map((d) => d.domain)).size).toBe(3);
  const os = disks.find((d) => d.alias.endsWith("rhel9-tpl-os"))!;
  expect(qemuInfo(os.file)["full-backing-filename"]).toContain(templateDisks.find((t) => t.alias === "rhel9-tpl-os")!.diskId);
  const data = disks.find((d) => d.alias.endsWith("rhel9-tpl-data"))!;
  expect(data.domain).toBe("posix-archive");
  expect(qemuInfo(data.file)["full-backing-filename"]).toBeUndefined();
});

test("thin is refused on a domain without the template copy, with the reason inline", async ({ page }) => {
  await page.goto("/vms");
  await page.getByRole("button", { name: "New VM from template" }).click();
  const dialog = page.getByRole("dialog", { name: "New VM from Template" });
  await dialog.getByLabel("Template", { exact: true }).selectOption({ label: "rhel9-template" });
  const option = dialog.getByLabel("Storage domain for rhel9-tpl-os").locator("option", { hasText: "posix-archive" });
  await expect(option).toBeDisabled();
  await expect(option).toContainText("no copy of this template disk here");
});

test("create a template on a different domain than the VM's", async ({ page }) => {
  const name = unique("ui-tpl");
  const vmDomains = new Set((await placements({ vm: "db-01" })).map((d) => d.domain));
  const target = ["local-ssd", "nfs-gold", "nfs-silver", "posix-archive"].find((d) => !vmDomains.has(d))!;
  await openVm(page, "db-01");
  await page.getByRole("button", { name: "New template" }).click();
  const dialog = page.getByRole("dialog", { name: /New template from/ });
  await dialog.getByLabel("Template name").fill(name);
  for (const picker of await dialog.getByLabel(/Storage domain for/).all()) await picker.selectOption(await domainId(target));
  await dialog.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await jobsSettle();
  const disks = await placements({ template: name });
  expect(disks).toHaveLength(3);
  for (const disk of disks) {
    expect(disk.domain).toBe(target);
    expect(qemuInfo(disk.file)["full-backing-filename"]).toBeUndefined();
  }
});

test("clone a template onto other domains than the source", async ({ page }) => {
  const name = unique("ui-clone");
  const source = await placements({ template: "debian12-template" });
  await page.goto("/templates");
  await page.getByRole("link", { name: "debian12-template" }).click();
  await page.getByRole("button", { name: "Clone" }).click();
  const dialog = page.getByRole("dialog", { name: /Clone template/ });
  await dialog.getByLabel("New template name").fill(name);
  const targets: Record<string, string> = { "debian12-tpl-os": "nfs-silver", "debian12-tpl-app": "posix-archive", "debian12-tpl-data": "local-ssd" };
  for (const [alias, domain] of Object.entries(targets)) await dialog.getByLabel(`Storage domain for ${alias}`).selectOption(await domainId(domain));
  await dialog.getByRole("button", { name: "Clone" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await jobsSettle();
  const clone = await placements({ template: name });
  for (const disk of clone) {
    expect(disk.domain).toBe(targets[disk.alias]);
    expect(disk.domain).not.toBe(source.find((s) => s.alias === disk.alias)!.domain);
    expect(qemuInfo(disk.file).format).toBe("qcow2");
  }
});

test("forms: the dialog opens on its first field, an empty number says what to enter, and a fixed field clears the server's banner", async ({ page }) => {
  await page.goto("/vms");
  await page.getByRole("button", { name: "New VM", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "New Virtual Machine" });
  await expect(dialog.getByLabel("Name")).toBeFocused();
  await dialog.getByLabel("Name").fill("web-01"); // taken by the demo
  await dialog.getByRole("group", { name: "Disk 1" }).getByLabel("Storage domain").selectOption(await domainId("nfs-gold"));
  await dialog.getByRole("button", { name: "Create VM" }).click();
  const banner = dialog.getByRole("alert").filter({ hasText: /already/i }); // the banner, and the same on the Name field
  await expect(banner.first()).toBeVisible();
  await dialog.getByLabel("Memory (MiB)").fill("");
  await dialog.getByRole("button", { name: "Create VM" }).click();
  await expect(dialog.getByText("Enter the memory in MiB")).toBeVisible();
  await expect(banner).toHaveCount(0);
  await expect(dialog.getByText(/NaN/)).toHaveCount(0);
});

test("every domain picker shows space now and after: a thin disk's commitment against the domain's size, the memory volume and export targets", async ({ page }) => {
  await openVm(page, "web-01", "disks");
  await page.getByRole("button", { name: "Add disk" }).click();
  const dialog = page.getByRole("dialog", { name: "Add Virtual Disk" });
  await dialog.getByLabel("Size").fill("100000");
  // A 100,000 GiB thin disk barely takes space now, but commits its whole size.
  const gold = dialog.getByLabel("Storage domain").locator("option", { hasText: "nfs-gold" });
  await expect(gold).toHaveText(/nfs-gold — .* free → .* after; committed .* → 98 TiB \(\d+ % of .*\)/);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await openVm(page, "web-01", "general");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect(page.getByLabel("Export domain").locator("option").first()).toHaveText(/export \(active\) — .* free → .* after/);
});

test("the VM list selects several VMs and removes them in one go; actions no selected VM fits are disabled with the reason", async ({ page, request }) => {
  const api = new Api(request);
  const prefix = unique("bulk");
  const domain = await domainId("nfs-silver");
  const vms = [await vmWithDisks(api, `${prefix}-a`, [domain]), await vmWithDisks(api, `${prefix}-b`, [domain])];
  const files = (await Promise.all(vms.map((vm) => placements({ vm: vm.name })))).flat().map((d) => d.file);
  await page.goto(`/vms?q=${prefix}*`);
  const table = page.getByRole("table", { name: "Virtual machines" });
  for (const vm of vms) await table.getByRole("checkbox", { name: `Select ${vm.name}` }).check();
  await expect(page.getByRole("button", { name: "Shut down" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Shut down" })).toHaveAttribute("title", "None of the selected VMs is up.");
  await page.getByRole("button", { name: "Remove" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove 2 VMs" });
  await expect(dialog).toContainText(vms[0].name);
  await expect(dialog).toContainText(vms[1].name);
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();
  await jobsSettle();
  expect(await query(`SELECT id FROM "Vm" WHERE name LIKE ?`, `${prefix}%`)).toEqual([]);
  for (const file of files) expect(existsSync(file)).toBe(false);
});

test("snapshots in the browser: taken with each overlay on its disk's domain, listed before the Active VM row, deleted back into the disks", async ({ page, request }) => {
  const vm = await vmWithDisks(new Api(request), unique("ui-snap"), [await domainId("nfs-gold"), await domainId("local-ssd")]);
  const bases = await placements({ vm: vm.name });
  await page.goto(`/vms/${vm.id}?tab=snapshots`);
  const table = page.getByRole("table", { name: "Snapshots" });
  // Before any snapshot: only the VM's current state, which offers nothing to restore or delete.
  await expect(table.getByRole("row")).toHaveCount(2);
  const active = table.getByRole("row", { name: /Active VM/ });
  await expect(active).toContainText("Current state");
  await expect(active.getByRole("button")).toHaveCount(0);

  const description = unique("before-upgrade");
  await page.getByLabel("Snapshot description").fill(description);
  await page.getByRole("button", { name: "Create snapshot" }).click();
  // The form clears once the server has queued the job: only then is there a job to wait for.
  await expect(page.getByLabel("Snapshot description")).toHaveValue("");
  await jobsSettle();
  await page.reload();
  await expect(table.getByRole("row").nth(1)).toContainText(description);
  await expect(table.getByRole("row").nth(2)).toContainText("Active VM");
  const overlays = await placements({ vm: vm.name });
  for (const [i, overlay] of overlays.entries()) {
    expect(overlay.domain).toBe(bases[i].domain);
    expect(qemuInfo(overlay.file)["full-backing-filename"]).toBe(bases[i].file);
  }

  await table.getByRole("row", { name: new RegExp(description) }).getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: `Delete ${description}` });
  await confirm.getByRole("button", { name: "OK" }).click();
  await expect(confirm).toBeHidden();
  await jobsSettle();
  await page.reload();
  await expect(table.getByRole("row")).toHaveCount(2);
  for (const [i, merged] of (await placements({ vm: vm.name })).entries()) {
    expect(merged.domain).toBe(bases[i].domain);
    expect(qemuInfo(merged.file)["full-backing-filename"]).toBeUndefined();
    expect(existsSync(bases[i].file)).toBe(false);
  }
});
