import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { domainId, jobsSettle, query, unique } from "./support";

// Upload and Download on the Disks tab, in the browser: the data moves with imageio's protocol
// from the page itself; a cancelled upload leaves neither the disk nor a file.

const MiB = 1024 ** 2;
let work: string;

test.beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "multistore-ui-transfer-"));
});
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

interface StoredDisk {
  id: string;
  status: string;
  domain: string;
  file: string;
}

async function storedDisk(alias: string): Promise<StoredDisk | undefined> {
  const rows = await query<{ id: string; status: string; domain: string; domainId: string; domainPath: string; volumeId: string }>(
    `SELECT d.id, d.status, sd.name AS domain, sd.id AS "domainId", sd.path AS "domainPath", v.id AS "volumeId"
       FROM "Disk" d JOIN "Volume" v ON v."diskId" = d.id AND v.leaf = TRUE JOIN "StorageDomain" sd ON sd.id = v."storageDomainId" WHERE d.alias = ?`,
    alias,
  );
  const [r] = rows;
  return r && { id: r.id, status: r.status, domain: r.domain, file: path.join(r.domainPath, r.domainId, "images", r.id, r.volumeId) };
}

function qcow2With(name: string, size: number, dataMiB: number) {
  const file = path.join(work, `${name}.qcow2`);
  execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", file, String(size)]);
  execFileSync("qemu-io", ["-f", "qcow2", "-c", `write -P 0x6b ${4 * MiB} ${dataMiB * MiB}`, file], { stdio: "ignore" });
  return file;
}

async function openUpload(page: Page, file: string, alias: string, domain: string) {
  await page.goto("/disks");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Upload image" });
  await dialog.getByLabel("Image file (qcow2 or raw)").setInputFiles(file);
  await dialog.getByLabel("Alias").fill(alias);
  await dialog.getByLabel("Storage domain").selectOption(await domainId(domain));
  return dialog;
}

test("upload a qcow2 image into a new disk on the chosen domain, then download it", async ({ page }) => {
  const source = qcow2With("ui-source", 128 * MiB, 24);
  const alias = unique("ui-upload");
  const dialog = await openUpload(page, source, alias, "posix-archive");
  await expect(dialog.getByText(/the disk will be 128 MiB \(qcow2\)/)).toBeVisible();
  await dialog.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(page.getByText(`Done: Uploading disk ${alias} to posix-archive`)).toBeVisible({ timeout: 30_000 });
  const disk = (await storedDisk(alias))!;
  expect(disk).toMatchObject({ status: "ok", domain: "posix-archive" });
  expect(execFileSync("qemu-img", ["compare", "-q", source, disk.file], { encoding: "utf8" })).toBe("");
  const table = page.getByRole("table", { name: "Disks" });
  await page.goto(`/disks?q=${alias}`);
  await expect(table.getByRole("row").filter({ has: page.getByRole("cell", { name: alias, exact: true }) })).toContainText("posix-archive");

  await table.getByRole("row").filter({ has: page.getByRole("cell", { name: alias, exact: true }) }).getByRole("checkbox").check();
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download", exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${alias}.qcow2`);
  const saved = path.join(work, "ui-downloaded.qcow2");
  await download.saveAs(saved);
  expect(execFileSync("qemu-img", ["compare", "-q", source, saved], { encoding: "utf8" })).toBe("");
  await jobsSettle();
  expect((await storedDisk(alias))!.status).toBe("ok");
});

test("cancelling an upload while it runs leaves no disk and no file; a missing file is an inline error", async ({ page }) => {
  const source = qcow2With("ui-cancel", 256 * MiB, 64);
  const alias = unique("ui-cancelled");
  // Hold the upload's second data request until the test has pressed Cancel.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let puts = 0;
  await page.route("**/images/**", async (route) => {
    if (route.request().method() === "PUT" && ++puts === 2) await held;
    await route.continue().catch(() => undefined);
  });

  await page.goto("/disks");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  const empty = page.getByRole("dialog", { name: "Upload image" });
  await empty.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(empty.getByText("Choose an image file to upload.")).toBeVisible();
  await empty.getByRole("button", { name: "Cancel" }).click();

  const dialog = await openUpload(page, source, alias, "nfs-gold");
  await dialog.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(dialog.getByRole("progressbar", { name: "Upload progress" })).toBeVisible();
  await expect.poll(() => puts).toBe(2);
  // The new disk exists, locked, and its data is arriving beside where its volume will be.
  const [disk] = await query<{ id: string; status: string }>('SELECT id, status FROM "Disk" WHERE alias = ?', alias);
  expect(disk.status).toBe("locked");
  const [domain] = await query<{ id: string; path: string }>(`SELECT id, path FROM "StorageDomain" WHERE name = 'nfs-gold'`);
  const diskDir = path.join(domain.path, domain.id, "images", disk.id);
  expect(readdirSync(diskDir).some((f) => f.endsWith(".upload"))).toBe(true);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  release();
  await expect(dialog).toBeHidden();
  await jobsSettle();
  expect(await storedDisk(alias)).toBeUndefined();
  expect(await query('SELECT id FROM "Disk" WHERE id = ?', disk.id)).toEqual([]);
  expect(existsSync(diskDir) ? readdirSync(diskDir) : []).toEqual([]);
});

test("an upload whose image the checks refuse ends in a toast with the error and a link to the job; nothing is kept", async ({ page }) => {
  // A qcow2 that names a backing file on the host: refused at finalize (it could read any file).
  const source = path.join(work, "with-backing.qcow2");
  execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", "-b", "/etc/hostname", "-F", "raw", source, String(64 * MiB)]);
  const alias = unique("ui-refused");
  const dialog = await openUpload(page, source, alias, "nfs-silver");
  await dialog.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  const toast = page.getByRole("region", { name: /Notifications/ }).getByRole("listitem").filter({ hasText: `Failed: Uploading disk ${alias}` });
  await expect(toast).toBeVisible({ timeout: 30_000 });
  await expect(toast).toContainText("refers to a backing file");
  await toast.getByRole("button", { name: "View job" }).click();
  await expect(page).toHaveURL(/\/jobs#job-/);
  await expect.poll(async () => (await query<{ status: string }>(`SELECT status FROM "Job" WHERE description LIKE ?`, `Uploading disk ${alias}%`))[0]?.status).toBe("failed");
  expect(await query('SELECT id FROM "Disk" WHERE alias = ?', alias)).toEqual([]);
});
