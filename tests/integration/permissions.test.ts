import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/actor";
import { actorForUser } from "@/lib/auth/users";
import { createUser, grantPermission, revokePermission } from "@/lib/auth/manage-users";
import { addVm } from "@/lib/vms/add-vm";
import { addVmFromTemplate } from "@/lib/vms/add-vm-from-template";
import { deleteVm } from "@/lib/vms/delete-vm";
import { addDisk } from "@/lib/disks/add-disk";
import { attachDisk, detachDisk } from "@/lib/disks/attach-disk";
import { copyDisk } from "@/lib/disks/copy-disk";
import { deleteDisk } from "@/lib/disks/delete-disk";
import { moveDisks } from "@/lib/disks/move-disks";
import { addTemplateFromVm } from "@/lib/templates/add-template-from-vm";
import { cloneTemplate } from "@/lib/templates/clone-template";
import { copyTemplateDisk } from "@/lib/templates/copy-template-disk";
import { deleteTemplate } from "@/lib/templates/delete-template";
import { createSnapshot } from "@/lib/snapshots/create-snapshot";
import { deleteSnapshot } from "@/lib/snapshots/delete-snapshot";
import { restoreSnapshot } from "@/lib/snapshots/restore-snapshot";
import { exportObject } from "@/lib/transfer/export-object";
import { importObject } from "@/lib/transfer/import-object";
import { addStorageDomain, setStorageDomainStatus, updateStorageDomain } from "@/lib/storage-domains/manage-storage-domains";
import { listVms, getVm } from "@/lib/queries/list-vms";
import { startVm } from "@/lib/vms/runtime/start-vm";
import { shutdownVm } from "@/lib/vms/runtime/shutdown-vm";
import { powerOffVm } from "@/lib/vms/runtime/power-off-vm";
import { suspendVm } from "@/lib/vms/runtime/suspend-vm";
import { resumeVm } from "@/lib/vms/runtime/resume-vm";
import { listDisks } from "@/lib/queries/list-disks";
import { objectPermissions } from "@/lib/queries/object-permissions";
import { parseListParams } from "@/lib/queries/pagination";
import { admin, createDomains, filesOn, finished, GiB, testDir } from "@/tests/support/fixtures";

let domains: Awaited<ReturnType<typeof createDomains>>;
let vm: { vmId: string; diskIds: string[] };
let otherVm: { vmId: string; diskIds: string[] };
let template: { templateId: string; diskIds: string[] };
let snapshotId: string;
let floatingDiskId: string;

async function userWith(name: string, grants: { role: string; objectType: "system" | "storage_domain" | "vm" | "template"; objectId?: string }[]): Promise<Actor> {
  const user = await createUser({ name, password: "correct horse battery" }, admin);
  for (const g of grants) await grantPermission({ userId: user.id, ...g }, admin);
  return (await actorForUser(user.id))!;
}

beforeAll(async () => {
  domains = await createDomains(3);
  const [a, b, c] = domains.data;
  vm = await finished(addVm({ name: "perm-vm", disks: [a, b, c].map((d, i) => ({ alias: `p${i}`, provisionedSize: GiB, storageDomainId: d.id })) }, admin));
  otherVm = await finished(addVm({ name: "other-vm", disks: [{ alias: "o0", provisionedSize: GiB, storageDomainId: a.id }] }, admin));
  template = await finished(addTemplateFromVm({ name: "perm-tpl", vmId: vm.vmId }, admin));
  snapshotId = (await finished(createSnapshot({ vmId: vm.vmId, description: "s1" }, admin))).snapshotId;
  floatingDiskId = (await finished(addDisk({ alias: "floating", provisionedSize: GiB, storageDomainId: a.id }, admin))).diskId;
  await finished(exportObject("vm", { id: otherVm.vmId, storageDomainId: domains.exportDomain.id }, admin));
});

async function state() {
  return {
    vms: await db.vm.count(),
    disks: await db.disk.count(),
    volumes: await db.volume.count(),
    templates: await db.template.count(),
    snapshots: await db.snapshot.count(),
    jobs: await db.job.count(),
    domains: await db.storageDomain.findMany({ select: { status: true, criticalSpaceGb: true }, orderBy: { id: "asc" } }),
    users: await db.user.count(),
    permissions: await db.permission.count(),
    files: domains.data.flatMap(filesOn).sort(),
  };
}

describe("a read-only administrator", () => {
  it("is refused every change, with 403 semantics, and nothing changes", async () => {
    const readOnly = await userWith("reader", [{ role: "ReadOnlyAdmin", objectType: "system" }]);
    const [a, b] = domains.data;
    const someone = await db.user.findFirstOrThrow({ where: { name: "reader" }, include: { permissions: true } });
    const mutations: Record<string, () => Promise<unknown>> = {
      addVm: () => addVm({ name: "ro-vm", disks: [{ alias: "x", provisionedSize: GiB, storageDomainId: a.id }] }, readOnly),
      addVmFromTemplate: () => addVmFromTemplate({ name: "ro-thin", templateId: template.templateId }, readOnly),
      deleteVm: () => deleteVm({ vmId: otherVm.vmId }, readOnly),
      addDisk: () => addDisk({ vmId: vm.vmId, alias: "x", provisionedSize: GiB, storageDomainId: b.id }, readOnly),
      addFloatingDisk: () => addDisk({ alias: "x", provisionedSize: GiB, storageDomainId: b.id }, readOnly),
      attachDisk: () => attachDisk({ vmId: otherVm.vmId, diskId: floatingDiskId }, readOnly),
      detachDisk: () => detachDisk({ vmId: otherVm.vmId, diskId: otherVm.diskIds[0] }, readOnly),
      copyDisk: () => copyDisk({ diskId: otherVm.diskIds[0], storageDomainId: b.id }, readOnly),
      deleteDisk: () => deleteDisk({ diskId: floatingDiskId }, readOnly),
      moveDisks: () => moveDisks({ moves: [{ diskId: otherVm.diskIds[0], storageDomainId: b.id }] }, readOnly),
      addTemplateFromVm: () => addTemplateFromVm({ name: "ro-tpl", vmId: otherVm.vmId }, readOnly),
      cloneTemplate: () => cloneTemplate({ name: "ro-clone", templateId: template.templateId }, readOnly),
      copyTemplateDisk: () => copyTemplateDisk({ diskId: template.diskIds[0], storageDomainIds: [b.id] }, readOnly),
      deleteTemplate: () => deleteTemplate({ templateId: template.templateId }, readOnly),
      createSnapshot: () => createSnapshot({ vmId: vm.vmId, description: "ro" }, readOnly),
      deleteSnapshot: () => deleteSnapshot({ vmId: vm.vmId, snapshotId }, readOnly),
      restoreSnapshot: () => restoreSnapshot({ vmId: vm.vmId, snapshotId }, readOnly),
      exportVm: () => exportObject("vm", { id: vm.vmId, storageDomainId: domains.exportDomain.id }, readOnly),
      exportTemplate: () => exportObject("template", { id: template.templateId, storageDomainId: domains.exportDomain.id }, readOnly),
      importVm: () => importObject("vm", { exportDomainId: domains.exportDomain.id, id: otherVm.vmId, name: "ro-import", defaultStorageDomainId: b.id }, readOnly),
      addStorageDomain: () => addStorageDomain({ name: "ro-sd", path: testDir() }, readOnly),
      setStorageDomainStatus: () => setStorageDomainStatus({ storageDomainId: b.id, status: "maintenance" }, readOnly),
      updateStorageDomain: () => updateStorageDomain({ storageDomainId: b.id, criticalSpaceGb: 99 }, readOnly),
      startVm: () => startVm({ vmId: otherVm.vmId }, readOnly),
      shutdownVm: () => shutdownVm({ vmId: otherVm.vmId }, readOnly),
      powerOffVm: () => powerOffVm({ vmId: otherVm.vmId }, readOnly),
      suspendVm: () => suspendVm({ vmId: otherVm.vmId }, readOnly),
      resumeVm: () => resumeVm({ vmId: otherVm.vmId }, readOnly),
      createUser: () => createUser({ name: "ro-made", password: "long enough pw" }, readOnly),
      grantPermission: () => grantPermission({ userId: someone.id, role: "SuperUser", objectType: "system" }, readOnly),
      revokePermission: () => revokePermission({ permissionId: someone.permissions[0].id }, readOnly),
    };
    for (const [name, mutate] of Object.entries(mutations)) {
      const before = await state();
      const error = await mutate().then(() => null, (e: unknown) => e);
      expect(error, name).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("reader is not permitted") });
      expect(await state(), name).toEqual(before);
    }
    // ...while seeing everything.
    expect((await listVms(parseListParams({}), readOnly)).total).toBe(await db.vm.count());
  });
});

describe("user administration", () => {
  it("refuses to revoke the last SuperUser on the system", async () => {
    await userWith("only-root", [{ role: "SuperUser", objectType: "system" }]);
    const grants = await db.permission.findMany({ where: { role: "SuperUser", objectType: "system" } });
    expect(grants).toHaveLength(1);
    await expect(revokePermission({ permissionId: grants[0].id }, admin)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("last SuperUser") });
    expect(await db.permission.count({ where: { role: "SuperUser", objectType: "system" } })).toBe(1);
  });
});

describe("a disk creator on one domain", () => {
  it("places and moves disks onto that domain only", async () => {
    const [a, b, c] = domains.data;
    const user = await userWith("placer", [
      { role: "DiskCreator", objectType: "storage_domain", objectId: a.id },
      { role: "UserVmManager", objectType: "vm", objectId: otherVm.vmId },
    ]);
    await expect(addDisk({ vmId: otherVm.vmId, alias: "on-b", provisionedSize: GiB, storageDomainId: b.id }, user)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining(`create disks on storage domain ${b.name}`) });
    const { diskId } = await finished(addDisk({ vmId: otherVm.vmId, alias: "on-a", provisionedSize: GiB, storageDomainId: a.id }, user));
    await expect(moveDisks({ moves: [{ diskId, storageDomainId: c.id }] }, user)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await db.volume.findFirstOrThrow({ where: { diskId } })).storageDomainId).toBe(a.id);
    // A disk of a VM the user has no right on cannot be moved even onto the allowed domain.
    await expect(moveDisks({ moves: [{ diskId: vm.diskIds[1], storageDomainId: a.id }] }, user)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("move disk p1") });
  });
});

describe("a user with a permission on one VM", () => {
  it("sees that VM and its disks only, and fetching another by id answers not found", async () => {
    const user = await userWith("owner", [{ role: "UserVmManager", objectType: "vm", objectId: otherVm.vmId }]);
    const { rows } = await listVms(parseListParams({}), user);
    expect(rows.map((r) => r.name)).toEqual(["other-vm"]);
    await expect(getVm(vm.vmId, user)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getVm(otherVm.vmId, user)).name).toBe("other-vm");
    const disks = await listDisks(parseListParams({}), {}, user);
    expect(new Set(disks.rows.map((d) => d.vm?.name))).toEqual(new Set(["other-vm"]));
  });

  it("every change records the acting user", async () => {
    const user = await userWith(`auditor-${randomUUID().slice(0, 4)}`, [{ role: "UserVmManager", objectType: "vm", objectId: otherVm.vmId }, { role: "DiskCreator", objectType: "storage_domain", objectId: domains.data[0].id }]);
    const { job } = await finished(addDisk({ vmId: otherVm.vmId, alias: "audited", provisionedSize: GiB, storageDomainId: domains.data[0].id }, user));
    const events = await db.event.findMany({ where: { jobId: job.id } });
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events.every((e) => e.actor === user.name)).toBe(true);
  });
});

describe("an object's Permissions tab", () => {
  it("shows every holder to a user administrator and only their own grants to anyone else", async () => {
    const owner = await userWith(`tpl-owner-${randomUUID().slice(0, 4)}`, [{ role: "TemplateOwner", objectType: "template", objectId: template.templateId }]);
    const other = await userWith(`tpl-other-${randomUUID().slice(0, 4)}`, [{ role: "TemplateOwner", objectType: "template", objectId: template.templateId }]);
    const forAdmin = (await objectPermissions("template", template.templateId, admin)).map((p) => p.user);
    expect(forAdmin).toEqual(expect.arrayContaining([owner.name, other.name]));
    const forOwner = await objectPermissions("template", template.templateId, owner);
    expect(forOwner).toEqual([
      { id: expect.any(String), userId: owner.userId, user: owner.name, role: "TemplateOwner", objectType: "template", objectId: template.templateId, inheritedFrom: null },
    ]);
  });
});
