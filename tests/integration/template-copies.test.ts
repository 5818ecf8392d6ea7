import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { templateCopies } from "@/lib/disks/template-copies";
import { addVm } from "@/lib/vms/add-vm";
import { addVmFromTemplate } from "@/lib/vms/add-vm-from-template";
import { addTemplateFromVm } from "@/lib/templates/add-template-from-vm";
import { copyTemplateDisk } from "@/lib/templates/copy-template-disk";
import { removeTemplateDiskCopy } from "@/lib/templates/remove-template-disk-copy";
import { admin, createDomains, finished, GiB } from "@/tests/support/fixtures";

// One template disk's copy removed from one domain: the file and its row go, the other copies
// stay; the last copy and a copy thin VM disks stand on are refused, changing nothing.

let domains: Awaited<ReturnType<typeof createDomains>>;
let diskId: string;
let templateId: string;

beforeAll(async () => {
  domains = await createDomains(3);
  const vm = await finished(addVm({ name: "seed", disks: [{ alias: "seed-os", provisionedSize: GiB, storageDomainId: domains.data[0].id }] }, admin));
  const template = await finished(addTemplateFromVm({ name: "tpl", vmId: vm.vmId, disks: [{ diskId: vm.diskIds[0], storageDomainId: domains.data[0].id }] }, admin));
  [diskId, templateId] = [template.diskIds[0], template.templateId];
  await finished(copyTemplateDisk({ diskId, storageDomainIds: [domains.data[1].id, domains.data[2].id] }, admin));
});

const copyOn = async (domainId: string) => (await templateCopies(diskId)).find((c) => c.storageDomain.id === domainId);

describe("removing a template disk's copy", () => {
  it("removes the copy on one domain, file and row, and keeps the others", async () => {
    const copy = (await copyOn(domains.data[2].id))!;
    expect(existsSync(copy.path)).toBe(true);
    await finished(removeTemplateDiskCopy({ diskId, storageDomainId: domains.data[2].id }, admin));
    expect(await copyOn(domains.data[2].id)).toBeUndefined();
    await expect.poll(() => existsSync(copy.path)).toBe(false);
    expect((await templateCopies(diskId)).map((c) => c.storageDomain.id).sort()).toEqual([domains.data[0].id, domains.data[1].id].sort());
    expect((await db.disk.findUniqueOrThrow({ where: { id: diskId } })).lockJobId).toBeNull();
  });

  it("refuses a copy thin VM disks stand on, naming them, and a domain without a copy", async () => {
    await finished(addVmFromTemplate({ name: "thin-on-1", templateId, disks: [{ templateDiskId: diskId, storageDomainId: domains.data[1].id, mode: "thin" }] }, admin));
    const jobs = await db.job.count();
    await expect(removeTemplateDiskCopy({ diskId, storageDomainId: domains.data[1].id }, admin)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/thin on the copy on/) });
    await expect(removeTemplateDiskCopy({ diskId, storageDomainId: domains.data[2].id }, admin)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.job.count()).toBe(jobs);
    expect(await copyOn(domains.data[1].id)).toBeDefined();
  });

  it("refuses the last copy: it goes only with the template", async () => {
    const vm = await finished(addVm({ name: "seed2", disks: [{ alias: "seed2-os", provisionedSize: GiB, storageDomainId: domains.data[0].id }] }, admin));
    const single = await finished(addTemplateFromVm({ name: "tpl-single", vmId: vm.vmId, disks: [{ diskId: vm.diskIds[0], storageDomainId: domains.data[0].id }] }, admin));
    await expect(removeTemplateDiskCopy({ diskId: single.diskIds[0], storageDomainId: domains.data[0].id }, admin)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("last copy"),
    });
    expect(await templateCopies(single.diskIds[0])).toHaveLength(1);
  });
});
