import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { Api } from "./api/support/api-client";
import { vmWithDisks } from "./api/support/flows";
import { items } from "./api/support/xml";
import { dataDir, jobsSettle, query, unique } from "./support";

// A data domain detached with what it holds and attached again, through the browser: the Detach
// dialog says what leaves with it, the VM/Disk Import tabs list what it describes, and Register
// brings each back with its disks where they are (a taken name is an inline error first).

async function confirm(page: Page, button: string) {
  await page.getByRole("button", { name: button, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "OK", exact: true }).click();
  await expect(dialog).toBeHidden();
}

test("detach a domain with a VM's disk, a VM of its own and a floating disk; attach it; register them back from the Import tabs", async ({ page, request }) => {
  const api = new Api(request);
  const name = unique("reg-ui");
  const dir = path.join(dataDir, "ui-domains", name);
  mkdirSync(dir, { recursive: true });
  const added = await api.post("/storagedomains", `<storage_domain><name>${name}</name><type>data</type><host><name>myhost</name></host><storage><type>localfs</type><path>${dir}</path></storage></storage_domain>`);
  const sd = added.doc.storage_domain.id as string;
  const dc = items(await api.doc("/datacenters"), "data_centers", "data_center")[0].id as string;
  expect((await api.post(`/datacenters/${dc}/storagedomains`, `<storage_domain id="${sd}"/>`)).status).toBe(201);
  const other = (await query<{ id: string }>(`SELECT id FROM "StorageDomain" WHERE type = 'data' AND status = 'active' AND id <> ? ORDER BY name LIMIT 1`, sd))[0].id;
  const spread = await vmWithDisks(api, "reg-spread", [sd, other]);
  const own = await vmWithDisks(api, "reg-own", [sd]);
  const float = unique("reg-float");
  expect((await api.post("/disks", `<disk><alias>${float}</alias><provisioned_size>${64 * 1024 ** 2}</provisioned_size><format>cow</format><storage_domains><storage_domain id="${sd}"/></storage_domains></disk>`)).status).toBe(201);
  await jobsSettle();

  await page.goto(`/storage/${sd}`);
  await confirm(page, "Maintenance");
  await page.getByRole("button", { name: "Detach", exact: true }).click();
  await expect(page.getByRole("dialog")).toContainText("OVF store describes all of them first");
  await page.getByRole("dialog").getByRole("button", { name: "OK", exact: true }).click();
  await expect(page.getByRole("button", { name: "Attach", exact: true })).toBeVisible();
  expect(await query(`SELECT id FROM "Vm" WHERE id = ?`, own.id)).toEqual([]);
  expect(existsSync(path.join(dir, sd, "ovf_store", `${own.id}.ovf`))).toBe(true);

  await page.getByRole("button", { name: "Attach", exact: true }).click();
  await page.getByRole("dialog").getByLabel("Data center").selectOption({ label: "Default" });
  await page.getByRole("dialog").getByRole("button", { name: "Attach" }).click();
  await expect(page.getByRole("button", { name: "Maintenance" })).toBeVisible();

  await page.getByRole("link", { name: "VM Import" }).click();
  const table = page.getByRole("table", { name: "VMs to register" });
  await expect(table.getByRole("row").filter({ hasText: spread.name })).toContainText("(in the portal)");
  const ownRow = table.getByRole("row").filter({ hasText: own.name });
  await expect(ownRow).toContainText(`${own.disks[0].alias}: 256 MiB, here`);

  // Its name was taken meanwhile: the dialog says so at the field and registers nothing.
  expect((await api.post("/vms", `<vm><name>${own.name}</name><template><name>Blank</name></template><cluster><name>Default</name></cluster></vm>`)).status).toBe(201);
  await ownRow.getByRole("button", { name: `Register ${own.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Register VM ${own.name}` });
  await dialog.getByRole("button", { name: "Register" }).click();
  await expect(dialog.getByText("Name already in use")).toBeVisible();
  expect(await query(`SELECT id FROM "Vm" WHERE id = ?`, own.id)).toEqual([]);
  await dialog.getByLabel("Name").fill(`${own.name}-back`);
  await dialog.getByRole("button", { name: "Register" }).click();
  await expect(page).toHaveURL(new RegExp(`/vms/${own.id}\\?tab=disks`));
  await expect(page.getByRole("heading", { name: `${own.name}-back`, exact: true })).toBeVisible();
  await expect(page.getByText(own.disks[0].alias)).toBeVisible();

  await page.goto(`/storage/${sd}?tab=vm-import`);
  await table.getByRole("row").filter({ hasText: spread.name }).getByRole("button", { name: `Register ${spread.name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Register" }).click();
  await expect(page).toHaveURL(new RegExp(`/vms/${spread.id}\\?tab=disks`));
  for (const disk of spread.disks) await expect(page.getByText(disk.alias)).toBeVisible();

  await page.goto(`/storage/${sd}?tab=disk-import`);
  await page.getByRole("button", { name: `Register ${float}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Register" }).click();
  await expect(page).toHaveURL(/\/disks\?search=/);
  expect(await query(`SELECT status FROM "Disk" WHERE alias = ?`, float)).toEqual([{ status: "ok" }]);
  await page.goto(`/storage/${sd}?tab=vm-import`);
  await expect(page.getByRole("table", { name: "VMs to register" })).toContainText("No VM to register");

  // Leave the demo as it was: the domain goes, with what it holds.
  expect((await api.post(`/datacenters/${dc}/storagedomains/${sd}/deactivate`, "<action/>")).status).toBe(200);
  expect((await api.delete(`/datacenters/${dc}/storagedomains/${sd}`)).status).toBe(200);
  expect((await api.delete(`/storagedomains/${sd}`, { format: true })).status).toBe(200);
});
