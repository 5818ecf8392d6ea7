import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { db } from "@/lib/db";
import { addVm } from "@/lib/vms/add-vm";
import { addDisk } from "@/lib/disks/add-disk";
import { addVmFromTemplate } from "@/lib/vms/add-vm-from-template";
import { addTemplateFromVm } from "@/lib/templates/add-template-from-vm";
import { createSnapshot } from "@/lib/snapshots/create-snapshot";
import { setStorageDomainStatus } from "@/lib/storage-domains/manage-storage-domains";
import { attachStorageDomain, detachStorageDomain } from "@/lib/storage-domains/domain-lifecycle";
import { registerEntity } from "@/lib/storage-domains/register-entity";
import { scanDomainImages } from "@/lib/storage-domains/image-scan";
import { runMonitorCycle } from "@/lib/storage-domains/monitor";
import { readStoredOvf, storedOvfIds } from "@/lib/ovf-store/ovf-store-files";
import { parseOvf } from "@/lib/transfer/ovf";
import { updateVm } from "@/lib/vms/update-vm";
import { updateDisk } from "@/lib/disks/update-disk";
import { ovfStoreSettled, updateOvfs } from "@/lib/ovf-store/update-ovf-store";
import { listTree, remount, unmount } from "@/tests/support/domain-faults";
import { loopMountsUnavailable } from "@/lib/storage/loop-mounts";
import { admin, createDomains, finished, GiB, leafOf, readsPattern, writePattern } from "@/tests/support/fixtures";

// A data domain taken to another place and back: detaching takes what it holds out of the portal
// (its OVF store keeps the descriptors), attaching lists it, registering brings each VM, template
// and floating disk back with its disks where they are, nothing copied.

const noLoop = await loopMountsUnavailable();
let domains: Awaited<ReturnType<typeof createDomains>>;
let dataCenterId: string;
const ids: Record<string, string> = {};
const diskIds: Record<string, string[]> = {};

const unregistered = async (storageDomainId: string) =>
  (await db.unregisteredEntity.findMany({ where: { storageDomainId } })).map((u) => `${u.entityType}:${u.name}`).sort();
const detach = async (storageDomainId: string) => {
  await setStorageDomainStatus({ storageDomainId, status: "maintenance" }, admin);
  return detachStorageDomain({ storageDomainId }, admin);
};
const attach = (storageDomainId: string) => attachStorageDomain({ storageDomainId, dataCenterId }, admin);
const vmDisks = async (vmId: string) =>
  (await db.diskAttachment.findMany({ where: { vmId }, include: { disk: { include: { volumes: true } } } })).map((a) => `${a.disk.alias}@${a.disk.volumes.find((v) => v.leaf)!.storageDomainId}`).sort();

describe.skipIf(!!noLoop)("register from a data domain", () => {
  beforeAll(async () => {
    domains = await createDomains(3);
    dataCenterId = (await db.dataCenter.findFirstOrThrow()).id;
    const [a, b, c] = domains.data;
    const multi = await finished(addVm({ name: "multi", disks: ["a", "b", "c"].map((n, i) => ({ alias: `multi-${n}`, provisionedSize: GiB, storageDomainId: [a, b, c][i].id })) }, admin));
    [ids.multi, diskIds.multi] = [multi.vmId, multi.diskIds];
    writePattern((await leafOf(multi.diskIds[1])).path, "qcow2", 0x5b, 0, 1 << 20);
    await finished(createSnapshot({ vmId: multi.vmId, description: "before detach" }, admin));
    const seed = await finished(addVm({ name: "seed", disks: [{ alias: "seed-os", provisionedSize: GiB, storageDomainId: a.id }] }, admin));
    const template = await finished(addTemplateFromVm({ name: "tpl", vmId: seed.vmId, disks: [{ diskId: seed.diskIds[0], storageDomainId: b.id }] }, admin));
    ids.tpl = template.templateId;
    ids.thin = (await finished(addVmFromTemplate({ name: "thin", templateId: template.templateId, disks: [{ templateDiskId: template.diskIds[0], storageDomainId: b.id, mode: "thin" }] }, admin))).vmId;
    ids.onlyHere = (await finished(addVm({ name: "only-here", disks: [{ alias: "only-here-os", provisionedSize: GiB, storageDomainId: b.id }] }, admin))).vmId;
    ids.float = (await finished(addDisk({ alias: "float", provisionedSize: GiB, storageDomainId: b.id }, admin))).diskId;
  });

  it("keeps each domain's OVF store in line as jobs change things: one descriptor per VM, template and floating disk with a volume there", async () => {
    const [a, b, c] = domains.data;
    await ovfStoreSettled(); // jobs update stores in the background, after their commit
    expect((await storedOvfIds(b)).sort()).toEqual([ids.multi, ids.tpl, ids.thin, ids.onlyHere, ids.float].sort());
    expect(await storedOvfIds(c)).toEqual([ids.multi]);
    expect((await storedOvfIds(a)).length).toBe(2); // multi and seed
    // Edits outside jobs reach every domain holding the object.
    await updateVm({ vmId: ids.multi, description: "kept in its stores" }, admin);
    await updateDisk({ diskId: ids.float, description: "floating one" }, admin);
    for (const domain of [a, b, c]) expect(parseOvf((await readStoredOvf(domain, ids.multi))!).description).toBe("kept in its stores");
    expect(parseOvf((await readStoredOvf(b, ids.float))!).disks[0].description).toBe("floating one");
  });

  it("detach takes out what lives only there and the disks there of VMs that stay; the files stay on the domain", async () => {
    const b = domains.data[1];
    const before = (await db.volume.findMany({ where: { storageDomainId: b.id } })).length;
    await detach(b.id);
    expect(await db.vm.findMany({ where: { id: { in: [ids.thin, ids.onlyHere] } } })).toEqual([]);
    expect(await db.template.count({ where: { id: ids.tpl } })).toBe(0);
    expect(await db.disk.count({ where: { id: ids.float } })).toBe(0);
    expect(await db.volume.count({ where: { storageDomainId: b.id } })).toBe(0);
    expect(await vmDisks(ids.multi)).toEqual([`multi-a@${domains.data[0].id}`, `multi-c@${domains.data[2].id}`]);
    expect(await db.vm.count({ where: { name: "seed" } })).toBe(1);
    expect(before).toBe(6); // multi-b's base and leaf, the template's, thin's, only-here's, float's
    const event = await db.event.findFirstOrThrow({ where: { action: "detach_storage_domain", objectId: b.id } });
    expect(event.message).toMatch(/2 VM\(s\), 1 template\(s\), \d+ disk\(s\) left the portal/);
  });

  it("attach lists what it holds to register; its images are not reported as strangers", async () => {
    const b = await attach(domains.data[1].id);
    expect(await unregistered(b.id)).toEqual(["disk:float", "template:tpl", "vm:multi", "vm:only-here", "vm:thin"]);
    expect(await scanDomainImages({ ...b, unknownFiles: "[]" })).toEqual([]);
  });

  it("refuses a thin VM before its template, and a name another VM took, changing nothing", async () => {
    const b = domains.data[1];
    await expect(registerEntity({ storageDomainId: b.id, entityId: ids.thin }, admin)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("register the template first") });
    const squatter = await finished(addVm({ name: "only-here", disks: [] }, admin));
    await expect(registerEntity({ storageDomainId: b.id, entityId: ids.onlyHere }, admin)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already used") });
    await expect(registerEntity({ storageDomainId: b.id, entityId: "no-such" }, admin)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.volume.count({ where: { storageDomainId: b.id } })).toBe(0);
    expect((await unregistered(b.id)).length).toBe(5);
    ids.squatter = squatter.vmId;
  });

  it("registers each back with its disks where they are: template, thin VM on it, renamed VM, the VM that stayed (gets its disk and snapshot back), the floating disk", async () => {
    const b = domains.data[1];
    const described = parseOvf((await db.unregisteredEntity.findFirstOrThrow({ where: { entityId: ids.tpl } })).ovf).exportedAt;
    const template = await registerEntity({ storageDomainId: b.id, entityId: ids.tpl }, admin);
    expect((await db.template.findUniqueOrThrow({ where: { id: ids.tpl } })).createdAt.toISOString()).toBe(described);
    expect(template).toMatchObject({ kind: "template", name: "tpl", missing: [] });
    const thin = await registerEntity({ storageDomainId: b.id, entityId: ids.thin }, admin);
    expect(await db.vm.findUniqueOrThrow({ where: { id: ids.thin } })).toMatchObject({ name: "thin", status: "down", templateId: ids.tpl });
    const thinLeaf = await leafOf(thin.diskIds[0]);
    expect(thinLeaf.domain.id).toBe(b.id);
    expect(thinLeaf.volume.parentId).toBe((await db.volume.findFirstOrThrow({ where: { diskId: template.diskIds[0], storageDomainId: b.id } })).id);

    expect(await registerEntity({ storageDomainId: b.id, entityId: ids.onlyHere, name: "only-here-2" }, admin)).toMatchObject({ name: "only-here-2" });
    expect((await vmDisks(ids.onlyHere))[0]).toBe(`only-here-os@${b.id}`);

    const multi = await registerEntity({ storageDomainId: b.id, entityId: ids.multi }, admin);
    expect(multi.diskIds).toEqual([diskIds.multi[1]]);
    expect(await vmDisks(ids.multi)).toEqual([`multi-a@${domains.data[0].id}`, `multi-b@${b.id}`, `multi-c@${domains.data[2].id}`]);
    const back = await leafOf(diskIds.multi[1]);
    expect(readsPattern(back.path, 0x5b, 0, 1 << 20)).toBe(true);
    const base = await db.volume.findFirstOrThrow({ where: { diskId: diskIds.multi[1], leaf: false } });
    expect(base.snapshotId).toBe((await db.snapshot.findFirstOrThrow({ where: { vmId: ids.multi } })).id);
    expect(back.volume.parentId).toBe(base.id);

    await registerEntity({ storageDomainId: b.id, entityId: ids.float }, admin);
    expect(await db.disk.findUniqueOrThrow({ where: { id: ids.float }, include: { attachments: true } })).toMatchObject({ alias: "float", status: "ok", attachments: [] });

    expect(await unregistered(b.id)).toEqual([]);
    for (const volume of await db.volume.findMany({ where: { storageDomainId: b.id, leaf: true } })) {
      const file = (await leafOf(volume.diskId)).path;
      expect(existsSync(file)).toBe(true);
      execFileSync("qemu-img", ["check", "-U", file]);
    }
    expect(await scanDomainImages({ ...b, unknownFiles: "[]" })).toEqual([]);
  });

  it("a VM on two domains detached together: refused while one is away unless partial, then whole again once the second is attached", async () => {
    const [, b, c] = domains.data;
    const pair = await finished(addVm({ name: "pair", disks: [{ alias: "pair-b", provisionedSize: GiB, storageDomainId: b.id }, { alias: "pair-c", provisionedSize: GiB, storageDomainId: c.id }] }, admin));
    ids.pair = pair.vmId;
    await detach(b.id);
    await detach(c.id);
    expect(await db.vm.count({ where: { id: pair.vmId } })).toBe(0);
    await attach(b.id);
    await expect(registerEntity({ storageDomainId: b.id, entityId: pair.vmId }, admin)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/pair-c \(its storage domain .* is not attached and active\).*allow a partial import/) });
    expect(await db.vm.count({ where: { id: pair.vmId } })).toBe(0);
    const partial = await registerEntity({ storageDomainId: b.id, entityId: pair.vmId, allowPartialImport: true }, admin);
    expect(partial.missing.map((m) => m.alias)).toEqual(["pair-c"]);
    expect(await vmDisks(pair.vmId)).toEqual([`pair-b@${b.id}`]);

    await attach(c.id);
    expect(await unregistered(c.id)).toContain("vm:pair");
    await registerEntity({ storageDomainId: c.id, entityId: pair.vmId }, admin);
    expect(await vmDisks(pair.vmId)).toEqual([`pair-b@${b.id}`, `pair-c@${c.id}`]);
    // Everything else detached with b and c is still listed for registering.
    expect(await unregistered(b.id)).toEqual(expect.arrayContaining(["vm:multi", "template:tpl"]));
  });

  it("never writes a store onto a domain that went away: the bare mount point stays empty", async () => {
    const c = domains.data[2];
    unmount(c);
    try {
      expect(listTree(c.path)).toEqual([]);
      await updateOvfs({ vms: [ids.pair], templates: [], disks: [] });
      expect(listTree(c.path)).toEqual([]);
    } finally {
      remount(c);
    }
    await rm(`${c.path}/${c.id}/ovf_store/${ids.pair}.ovf`);
    await updateOvfs({ vms: [ids.pair], templates: [], disks: [] });
    expect(await storedOvfIds(c)).toContain(ids.pair);
  });

  it("a store that missed an update (an instance stopped right after a commit) is caught up by the monitor's periodic full update", async () => {
    const a = domains.data[0];
    const seed = (await db.vm.findFirstOrThrow({ where: { name: "seed" } })).id;
    await rm(`${a.path}/${a.id}/ovf_store/${seed}.ovf`);
    env.OVF_UPDATE_INTERVAL_MINUTES = 0.01; // every 0.6 s here
    await runMonitorCycle(); // starts the clock
    await new Promise((resolve) => setTimeout(resolve, 700));
    await runMonitorCycle();
    expect(await storedOvfIds(a)).toContain(seed);
  });
});
