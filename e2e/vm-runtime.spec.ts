import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { domainId, jobsSettle, lastJob, placements, query, unique } from "./support";

const vmRow = async (name: string) => (await query<{ id: string; status: string; runtimePid: number | null; memoryDiskId: string | null }>(`SELECT id, status, "runtimePid", "memoryDiskId" FROM "Vm" WHERE name = ?`, name))[0];

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
    await dialog.getByRole("group", { name: `Disk ${i + 1}` }).getByLabel("Storage domain").selectOption(await domainId(domain));
  }
  await dialog.getByRole("button", { name: "Create VM" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await jobsSettle();

  await page.getByRole("button", { name: "Run" }).click();
  await page.getByRole("dialog", { name: `Run ${name}` }).getByRole("button", { name: "OK" }).click();
  await expect.poll(async () => (await vmRow(name)).status, { timeout: 30_000 }).toBe("up");
  const pid = (await vmRow(name)).runtimePid!;
  expect(existsSync(`/proc/${pid}`)).toBe(true);
  // QEMU opened each disk from its own domain's directory.
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  for (const disk of (await placements({ vm: name }))) expect(cmdline).toContain(disk.file);

  await page.getByRole("link", { name: "Console" }).click();
  const screen = page.getByRole("img", { name: "VM console screenshot" });
  await expect(screen).toBeVisible();
  await expect.poll(() => screen.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Suspend" }).click();
  // The memory volume's domain picker shows each domain's space now and after the VM's RAM is written.
  await expect(page.getByLabel("Memory volume domain").locator("option", { hasText: "nfs-gold" })).toHaveText(/nfs-gold — .* free → .* after/);
  await page.getByRole("dialog", { name: `Suspend ${name}` }).getByRole("button", { name: "OK" }).click();
  await expect.poll(async () => (await vmRow(name)).status, { timeout: 30_000 }).toBe("suspended");
  const memoryDisk = (await vmRow(name)).memoryDiskId!;
  const memoryFile = (await query<{ file: string }>(
    `SELECT sd.path || '/' || sd.id || '/images/' || v."diskId" || '/' || v.id AS file FROM "Volume" v JOIN "StorageDomain" sd ON sd.id = v."storageDomainId" WHERE v."diskId" = ?`,
    memoryDisk,
  ))[0].file;
  expect(existsSync(memoryFile)).toBe(true);
  await expect.poll(() => existsSync(`/proc/${pid}`)).toBe(false); // QEMU is stopped right after the commit
  await page.goto("/disks?q=memory");
  await expect(page.getByText("memory dump").first()).toBeVisible();
  // The memory volume belongs to its VM: listed on the VM's Virtual Disks tab, and as its owner on the Disks tab.
  const memoryAlias = (await query<{ alias: string }>(`SELECT alias FROM "Disk" WHERE id = ?`, memoryDisk))[0].alias;
  await expect(page.getByRole("table", { name: "Disks" }).getByRole("row", { name: new RegExp(memoryAlias) })).toContainText(`VM ${name}`);
  await page.goto(`/vms/${(await vmRow(name)).id}?tab=disks`);
  await expect(page.getByRole("table", { name: "Virtual disks" }).getByRole("row", { name: new RegExp(memoryAlias) })).toContainText("memory dump");

  await page.goto(`/vms/${(await vmRow(name)).id}`);
  await page.getByRole("button", { name: "Resume" }).click();
  await page.getByRole("dialog", { name: `Resume ${name}` }).getByRole("button", { name: "OK" }).click();
  await expect.poll(async () => (await vmRow(name)).status, { timeout: 30_000 }).toBe("up");
  await jobsSettle();
  expect((await vmRow(name)).memoryDiskId).toBeNull();
  expect(existsSync(memoryFile)).toBe(false);

  await page.getByRole("button", { name: "Power off" }).click();
  await page.getByRole("dialog", { name: `Power off ${name}` }).getByRole("button", { name: "OK" }).click();
  await expect.poll(async () => (await vmRow(name)).status, { timeout: 30_000 }).toBe("down");
});

test("a running VM's disk moves live from the Disks tab, a live move is cancelled from the Tasks panel, a disk is plugged in from the VM's page", async ({ page }) => {
  test.setTimeout(120_000);
  const name = unique("ui-live");
  await page.goto("/vms");
  await page.getByRole("button", { name: "New VM", exact: true }).click();
  const newVm = page.getByRole("dialog", { name: "New Virtual Machine" });
  await newVm.getByLabel("Name").fill(name);
  await newVm.getByLabel("Memory (MiB)").fill("128");
  await newVm.getByRole("group", { name: "Disk 1" }).getByLabel("Storage domain").selectOption(await domainId("nfs-gold"));
  await newVm.getByRole("button", { name: "Create VM" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await jobsSettle();
  const disk = (await placements({ vm: name }))[0];
  execFileSync("qemu-io", ["-f", "qcow2", "-c", "write -P 0x5a 0 320M", disk.file], { stdio: "ignore" }); // about 5 s at 64 MiB/s
  await page.getByRole("button", { name: "Run" }).click();
  await page.getByRole("dialog", { name: `Run ${name}` }).getByRole("button", { name: "OK" }).click();
  await expect.poll(async () => (await vmRow(name)).status, { timeout: 30_000 }).toBe("up");

  const moveTo = async (target: string) => {
    await page.goto("/disks");
    const table = page.getByRole("table", { name: "Disks" });
    // The disk keeps the default alias: its row is the one naming this VM.
    await table.getByRole("row").filter({ has: page.getByRole("cell", { name: disk.alias, exact: true }) }).filter({ hasText: name }).getByRole("checkbox").check();
    await page.getByRole("button", { name: "Move", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Move disk" });
    await expect(dialog.getByText(`Moves live: VM ${name} keeps running`)).toBeVisible();
    await dialog.getByLabel(`Target domain for ${disk.alias}`).selectOption(await domainId(target));
    await dialog.getByRole("button", { name: "Move" }).click();
    await expect(dialog).toBeHidden();
  };

  await moveTo("local-ssd");
  const tasks = page.getByRole("region", { name: "Tasks" });
  await tasks.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("dialog", { name: `Cancel: Live moving disk ${disk.alias}` }).getByRole("button", { name: "Cancel the job" }).click();
  await expect.poll(async () => (await lastJob()).status, { timeout: 30_000 }).toBe("aborted");
  expect((await placements({ vm: name }))[0].domain).toBe("nfs-gold");
  expect((await vmRow(name)).status).toBe("up");

  await moveTo("posix-archive");
  await jobsSettle();
  expect((await lastJob()).status).toBe("finished");
  expect((await placements({ vm: name }))[0].domain).toBe("posix-archive");
  expect((await vmRow(name)).status).toBe("up");
  const pid = (await vmRow(name)).runtimePid!;
  expect(readFileSync(`/proc/${pid}/cmdline`, "utf8")).toContain(disk.file); // started from the source…
  expect(existsSync(disk.file)).toBe(false); // …which is gone: QEMU writes to the target now

  // Hot-plug from the VM's Virtual Disks tab: the new disk is open in the running QEMU at once.
  await page.goto(`/vms/${(await vmRow(name)).id}`);
  await page.getByRole("link", { name: "Virtual Disks" }).click();
  await page.getByRole("button", { name: "Add disk" }).click();
  const add = page.getByRole("dialog", { name: "Add Virtual Disk" });
  const alias = unique("hot");
  await add.getByLabel("Alias").fill(alias);
  await add.getByLabel("Size").fill("1");
  await add.getByLabel("Storage domain").selectOption(await domainId("nfs-silver"));
  await add.getByLabel("Interface").selectOption("virtio_scsi");
  await add.getByRole("button", { name: "Add disk" }).click();
  await expect(add).toBeHidden();
  await jobsSettle();
  const plugged = (await placements({ vm: name })).find((d) => d.alias === alias)!;
  expect(plugged.domain).toBe("nfs-silver");
  const open = () => readdirSync(`/proc/${pid}/fd`).map((fd) => { try { return readlinkSync(`/proc/${pid}/fd/${fd}`); } catch { return ""; } });
  expect(open()).toContain(plugged.file);
  await expect(page.getByRole("table", { name: "Virtual disks" }).getByRole("row", { name: new RegExp(alias) })).toContainText("nfs-silver");

  // Offered only when possible: Remove waits for the VM to be down, and says so; so does removing its active disk.
  const remove = page.getByRole("button", { name: "Remove", exact: true }).first(); // the header's, before the disks'
  await page.getByRole("table", { name: "Virtual disks" }).getByRole("row", { name: new RegExp(alias) }).getByRole("checkbox").check();
  const removeDisk = page.getByRole("button", { name: "Remove", exact: true }).nth(1);
  await expect(removeDisk).toBeDisabled();
  await expect(removeDisk).toHaveAttribute("title", `Disk ${alias} is active on VM ${name}, which is up; deactivate it or shut the VM down.`);

  await expect(remove).toBeDisabled();
  await expect(remove).toHaveAttribute("title", `VM ${name} is up; it must be down.`);

  await page.getByRole("button", { name: "Power off" }).click();
  await page.getByRole("dialog", { name: `Power off ${name}` }).getByRole("button", { name: "OK" }).click();
  await expect.poll(async () => (await vmRow(name)).status, { timeout: 30_000 }).toBe("down");
  await page.reload();
  await expect(remove).toBeEnabled();
});
