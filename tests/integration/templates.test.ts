import { beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { db } from "@/lib/db";
import { addVm } from "@/lib/vms/add-vm";
import { addVmFromTemplate } from "@/lib/vms/add-vm-from-template";
import { addTemplateFromVm } from "@/lib/templates/add-template-from-vm";
import { cloneTemplate } from "@/lib/templates/clone-template";
import { copyTemplateDisk } from "@/lib/templates/copy-template-disk";
import { deleteTemplate } from "@/lib/templates/delete-template";
import { moveDisks } from "@/lib/disks/move-disks";
import { admin, backingOf, createDomains, finished, GiB, leafOf, MiB, qemuChain, qemuInfo, readsPattern, writePattern } from "@/tests/support/fixtures";

let domains: Awaited<ReturnType<typeof createDomains>>;
let templateId: string;
let templateDiskIds: string[];

beforeAll(async () => {
  domains = await createDomains(4);
  const [a, b, c] = domains.data;
  const { vmId, diskIds } = await finished(
    addVm(
      {
        name: "golden",
        disks: [
          { alias: "os", provisionedSize: GiB, storageDomainId: a.id, bootable: true },
          { alias: "app", provisionedSize: GiB, storageDomainId: b.id },
          { alias: "data", provisionedSize: GiB, format: "raw", storageDomainId: c.id },
        ],
      },
      admin,
    ),
  );
  for (const [i, id] of diskIds.entries()) {
    const { path: file } = await leafOf(id);
    writePattern(file, i === 2 ? "raw" : "qcow2", 0x11 * (i + 1), 0, MiB);
  }
  // Template on the VM's own domains, disk by disk.
  const created = await finished(addTemplateFromVm({ name: "golden-tpl", vmId, disks: diskIds.map((diskId, i) => ({ diskId, storageDomainId: domains.data[i].id })) }, admin));
  templateId = created.templateId;
  templateDiskIds = created.diskIds;
});

async function templateVolume(diskId: string, domainId: string) {
  const volume = await db.volume.findFirstOrThrow({ where: { diskId, storageDomainId: domainId }, include: { storageDomain: true } });
  return path.join(volume.storageDomain.path, domainId, "images", diskId, volume.id);
}

describe("create template from VM", () => {
  it("copies each VM disk, collapsed and independent, to the domain chosen for it", async () => {
    const vm = await db.vm.findUniqueOrThrow({ where: { name: "golden" } });
    const other = await finished(addTemplateFromVm({ name: "golden-elsewhere", vmId: vm.id, defaultStorageDomainId: domains.data[3].id }, admin));
    const template = await db.template.findUniqueOrThrow({ where: { id: other.templateId } });
    expect(template.status).toBe("ok");
    for (const [i, diskId] of other.diskIds.entries()) {
      const file = await templateVolume(diskId, domains.data[3].id);
      const info = qemuInfo(file);
      expect(info.format).toBe("qcow2");
      expect(info["backing-filename"]).toBeUndefined();
      expect(readsPattern(file, 0x11 * (i + 1), 0, MiB)).toBe(true);
    }
    expect((await db.vm.findUniqueOrThrow({ where: { id: vm.id } })).lockJobId).toBeNull();
  });
});

describe("create VM from template", () => {
  it("thin: each disk is an overlay on the template's copy on its own domain", async () => {
    const { vmId, diskIds } = await finished(
      addVmFromTemplate({ name: "thin1", templateId, disks: templateDiskIds.map((templateDiskId, i) => ({ templateDiskId, storageDomainId: domains.data[i].id, mode: "thin" })) }, admin),
    );
    expect((await db.vm.findUniqueOrThrow({ where: { id: vmId } })).templateId).toBe(templateId);
    for (const [i, diskId] of diskIds.entries()) {
      const leaf = await leafOf(diskId);
      expect(leaf.domain.id).toBe(domains.data[i].id);
      const chain = qemuChain(leaf.path);
      expect(chain).toHaveLength(2);
      expect(chain[0].format).toBe("qcow2");
      expect(backingOf(leaf.path)).toBe(await templateVolume(templateDiskIds[i], domains.data[i].id));
      expect(readsPattern(leaf.path, 0x11 * (i + 1), 0, MiB)).toBe(true);
    }
  });

  it("refuses thin on a domain without the template copy, and offers clone or copy-then-thin", async () => {
    const fourth = domains.data[3];
    const request = { name: "thin2", templateId, disks: [{ templateDiskId: templateDiskIds[0], storageDomainId: fourth.id, mode: "thin" as const }] };
    await expect(addVmFromTemplate(request, admin)).rejects.toMatchObject({ code: "TEMPLATE_NOT_ON_DOMAIN", message: expect.stringContaining("does not contain the VM Template") });
    expect(await db.vm.count({ where: { name: "thin2" } })).toBe(0);

    const cloned = await finished(addVmFromTemplate({ ...request, name: "clone1", disks: templateDiskIds.map((templateDiskId) => ({ templateDiskId, storageDomainId: fourth.id, mode: "clone" as const })) }, admin));
    for (const [i, diskId] of cloned.diskIds.entries()) {
      const leaf = await leafOf(diskId);
      expect(leaf.domain.id).toBe(fourth.id);
      expect(qemuChain(leaf.path)).toHaveLength(1);
      expect(readsPattern(leaf.path, 0x11 * (i + 1), 0, MiB)).toBe(true);
    }

    const copied = await finished(addVmFromTemplate({ ...request, name: "copythin1", disks: [{ templateDiskId: templateDiskIds[1], storageDomainId: fourth.id, mode: "copy-then-thin" }] }, admin));
    const copy = await templateVolume(templateDiskIds[1], fourth.id);
    expect(qemuInfo(copy)["backing-filename"]).toBeUndefined();
    const appDisk = await db.disk.findFirstOrThrow({ where: { id: { in: copied.diskIds }, alias: "copythin1_app" } });
    expect(backingOf((await leafOf(appDisk.id)).path)).toBe(copy);
    // The copy stays for the next thin VM there.
    await finished(addVmFromTemplate({ ...request, name: "thin3", disks: [{ templateDiskId: templateDiskIds[1], storageDomainId: fourth.id, mode: "thin" }] }, admin));
  });

  it("moves a thin disk only to a domain holding the template copy, keeping it thin", async () => {
    const { diskIds } = await finished(addVmFromTemplate({ name: "thin4", templateId }, admin));
    const appDisk = diskIds[1];
    await expect(moveDisks({ moves: [{ diskId: diskIds[0], storageDomainId: domains.data[3].id }] }, admin)).rejects.toMatchObject({ code: "TEMPLATE_NOT_ON_DOMAIN" });
    await finished(moveDisks({ moves: [{ diskId: appDisk, storageDomainId: domains.data[3].id }] }, admin));
    const leaf = await leafOf(appDisk);
    expect(leaf.domain.id).toBe(domains.data[3].id);
    expect(backingOf(leaf.path)).toBe(await templateVolume(templateDiskIds[1], domains.data[3].id));
    expect(readsPattern(leaf.path, 0x22, 0, MiB)).toBe(true);
  });
});

describe("clone template and copy template disks", () => {
  it("clones onto other domains, disk by disk", async () => {
    const targets = [domains.data[3], domains.data[2], domains.data[0]];
    const { templateId: cloneId, diskIds } = await finished(
      cloneTemplate({ name: "golden-clone", templateId, disks: templateDiskIds.map((diskId, i) => ({ diskId, storageDomainId: targets[i].id })) }, admin),
    );
    expect((await db.template.findUniqueOrThrow({ where: { id: cloneId } })).status).toBe("ok");
    for (const [i, diskId] of diskIds.entries()) {
      const file = await templateVolume(diskId, targets[i].id);
      expect(qemuChain(file)).toHaveLength(1);
      expect(readsPattern(file, 0x11 * (i + 1), 0, MiB)).toBe(true);
    }
    expect((await db.template.findUniqueOrThrow({ where: { id: templateId } })).status).toBe("ok");
  });

  it("copies a template disk to more domains", async () => {
    await finished(copyTemplateDisk({ diskId: templateDiskIds[2], storageDomainIds: [domains.data[0].id, domains.data[1].id] }, admin));
    const copies = await db.volume.findMany({ where: { diskId: templateDiskIds[2] } });
    expect(copies.map((c) => c.storageDomainId).sort()).toEqual([domains.data[0].id, domains.data[1].id, domains.data[2].id].sort());
    await expect(copyTemplateDisk({ diskId: templateDiskIds[2], storageDomainIds: [domains.data[0].id] }, admin)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses to delete a template that VMs are thin on", async () => {
    await expect(deleteTemplate({ templateId }, admin)).rejects.toMatchObject({ code: "CONFLICT" });
    const clone = await db.template.findUniqueOrThrow({ where: { name: "golden-clone" } });
    await finished(deleteTemplate({ templateId: clone.id }, admin));
    expect(await db.template.count({ where: { id: clone.id } })).toBe(0);
  });
});
