import { vmWithDisks } from "./api/support/flows";
import { expect, test } from "./api/support/fixtures";
import path from "node:path";
import { dataDir, jobsSettle, placements, qemuInfo, unique } from "./support";

// OVA in the browser: Export as OVA on a VM's page, then Import OVA on the VMs page with a
// target domain per disk.

test("a VM with disks on three domains is exported as an OVA and imported back, each disk to the domain picked for it", async ({ page, api, domains }) => {
  const [gold, silver, ssd, archive] = [domains["nfs-gold"], domains["nfs-silver"], domains["local-ssd"], domains["posix-archive"]];
  const vm = await vmWithDisks(api, "ui-ova", [gold.id, silver.id, ssd.id]);
  await page.goto(`/vms/${vm.id}`);
  await page.getByRole("button", { name: "Export as OVA" }).click();
  const exportDialog = page.getByRole("dialog", { name: "Export VM as OVA" });
  await expect(exportDialog.getByLabel("File name")).toHaveValue(`${vm.name}.ova`);
  await exportDialog.getByRole("button", { name: "Export", exact: true }).click();
  await expect(exportDialog).toBeHidden();
  await expect(page.getByText(`Done: Exporting VM ${vm.name} as OVA`)).toBeVisible({ timeout: 30_000 });

  await page.goto("/vms");
  await page.getByRole("button", { name: "Import OVA" }).click();
  const dialog = page.getByRole("dialog", { name: "Import from OVA" });
  await dialog.getByLabel("OVA file").selectOption(path.join(dataDir, "ova", `${vm.name}.ova`));
  await expect(dialog.getByText(`A VM, ${vm.name}, with 3 disk(s).`)).toBeVisible();
  const name = unique("ui-from-ova");
  await dialog.getByLabel("Name of the new VM").fill(name);
  const targets: Record<string, string> = { [`${vm.name}-d0`]: archive.id, [`${vm.name}-d1`]: gold.id, [`${vm.name}-d2`]: silver.id };
  for (const [alias, target] of Object.entries(targets)) await dialog.getByLabel(new RegExp(`^Storage domain for ${alias} `)).selectOption(target);
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Done: Importing VM ${name} from OVA`)).toBeVisible({ timeout: 30_000 });
  await jobsSettle();
  const placed = await placements({ vm: name });
  expect(Object.fromEntries(placed.map((d) => [d.alias, d.domain]))).toEqual({ [`${vm.name}-d0`]: "posix-archive", [`${vm.name}-d1`]: "nfs-gold", [`${vm.name}-d2`]: "nfs-silver" });
  for (const disk of placed) expect(qemuInfo(disk.file).format).toBe("qcow2");
});
