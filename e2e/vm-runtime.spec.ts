import { expect, test } from "@playwright/test";
import { existsSync, readFileSync } from "node:fs";
import { domainId, jobsSettle, placements, query, unique } from "./support";

const vmRow = (name: string) => query<{ id: string; status: string; runtimePid: number | null; memoryDiskId: string | null }>("SELECT id, status, runtimePid, memoryDiskId FROM Vm WHERE name = ?", name)[0];

test("run a VM with 3 disks on 3 domains, see its console, suspend, resume and power off", async ({ page }) => {
  const name = unique("ui-run");
  await page.goto("/vms");
  await page.getByRole("button", { name: "New VM", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "New Virtual Machine" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Memory (MiB)").fill("256");
  await dialog.getByRole("button", { name: "Add disk" }).click();
  await dialog.getByRole("button", { name: "Add disk" }).click();
  for (const [i, domain] of ["nfs-gold", "nfs-silver", "local-ssd"].entries()) {
    await dialog.getByRole("group", { name: `Disk ${i + 1}` }).getByLabel("Storage domain").selectOption(domainId(domain));
  }
  await dialog.getByRole("button", { name: "Create VM" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await jobsSettle();

  await page.getByRole("button", { name: "Run" }).click();
  await page.getByRole("dialog", { name: `Run ${name}` }).getByRole("button", { name: "OK" }).click();
  await expect.poll(() => vmRow(name).status, { timeout: 30_000 }).toBe("up");
  const pid = vmRow(name).runtimePid!;
  expect(existsSync(`/proc/${pid}`)).toBe(true);
  // QEMU opened each disk from its own domain's directory.
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  for (const disk of placements({ vm: name })) expect(cmdline).toContain(disk.file);

  await page.getByRole("link", { name: "Console" }).click();
  const screen = page.getByRole("img", { name: "VM console screenshot" });
  await expect(screen).toBeVisible();
  await expect.poll(() => screen.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Suspend" }).click();
  await page.getByRole("dialog", { name: `Suspend ${name}` }).getByRole("button", { name: "OK" }).click();
  await expect.poll(() => vmRow(name).status, { timeout: 30_000 }).toBe("suspended");
  const memoryDisk = vmRow(name).memoryDiskId!;
  const memoryFile = query<{ file: string }>(
    "SELECT sd.path || '/' || sd.id || '/images/' || v.diskId || '/' || v.id AS file FROM Volume v JOIN StorageDomain sd ON sd.id = v.storageDomainId WHERE v.diskId = ?",
    memoryDisk,
  )[0].file;
  expect(existsSync(memoryFile)).toBe(true);
  await expect.poll(() => existsSync(`/proc/${pid}`)).toBe(false); // QEMU is stopped right after the commit
  await page.goto("/disks?q=memory");
  await expect(page.getByText("memory dump").first()).toBeVisible();

  await page.goto(`/vms/${vmRow(name).id}`);
  await page.getByRole("button", { name: "Resume" }).click();
  await page.getByRole("dialog", { name: `Resume ${name}` }).getByRole("button", { name: "OK" }).click();
  await expect.poll(() => vmRow(name).status, { timeout: 30_000 }).toBe("up");
  await jobsSettle();
  expect(vmRow(name).memoryDiskId).toBeNull();
  expect(existsSync(memoryFile)).toBe(false);

  await page.getByRole("button", { name: "Power off" }).click();
  await page.getByRole("dialog", { name: `Power off ${name}` }).getByRole("button", { name: "OK" }).click();
  await expect.poll(() => vmRow(name).status, { timeout: 30_000 }).toBe("down");
});
