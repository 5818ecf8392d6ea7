import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { test, expect, unique, waitForJobs, waitForJob, settle, dataDomainWithout, GiB } from "./support/fixtures";
import { diskXml } from "./support/bodies";
import { backingOf, imagePath, qemuInfo, volumeFiles, writeData } from "./support/storage";
import { templateNamed, vmNamed, vmWithDisks } from "./support/flows";
import type { Api } from "./support/api-client";
import type { Domain } from "./support/fixtures";
import { items } from "./support/xml";

// Disks: floating disks, move, copy (VM and template disks), attach/detach, delete, locks.

async function floatingDisk(api: Api, domain: Domain, sizeBytes = GiB, format: "cow" | "raw" = "cow") {
  const correlationId = unique("corr");
  const reply = await api.post("/disks", diskXml({ name: unique("float"), domainId: domain.id, sizeBytes, format }), { correlation_id: correlationId });
  expect(reply.status, reply.text).toBe(201);
  await waitForJobs(api, correlationId);
  return (await api.doc(`/disks/${reply.doc.disk.id}`)).disk;
}

const domainIdsOf = (disk: Record<string, unknown>) => items(disk, "storage_domains", "storage_domain").map((s) => s.id);

test("POST /disks answers 201 with the disk locked, and the job makes the image on the chosen domain", async ({ api, domains }) => {
  const silver = domains["nfs-silver"];
  const correlationId = unique("corr");
  const reply = await api.post("/disks", diskXml({ name: unique("float"), domainId: silver.id, sizeBytes: 2 * GiB, format: "raw", sparse: true }), { correlation_id: correlationId });
  expect(reply.status, reply.text).toBe(201);
  expect(reply.headers.location).toContain(`/ovirt-engine/api/disks/${reply.doc.disk.id}`);
  expect(["locked", "ok"]).toContain(reply.doc.disk.status);
  // Even while locked (no volume yet) the disk says where it is going.
  expect(domainIdsOf(reply.doc.disk)).toEqual([silver.id]);
  await waitForJobs(api, correlationId);
  const disk = await settle(api, `/disks/${reply.doc.disk.id}`, "disk", ["locked"]);
  expect(disk).toMatchObject({ status: "ok", format: "raw", provisioned_size: String(2 * GiB) });
  const info = qemuInfo(imagePath(silver, disk.id, disk.image_id));
  expect(info).toMatchObject({ format: "raw", "virtual-size": 2 * GiB });
});

test("move answers 202 with a pending job; then the image lives only on the target domain", async ({ api, domains }) => {
  const [gold, archive] = [domains["nfs-gold"], domains["posix-archive"]];
  const disk = await floatingDisk(api, gold);
  const source = imagePath(gold, disk.id, disk.image_id);
  const reply = await api.post(`/disks/${disk.id}/move`, `<action><storage_domain id="${archive.id}"/></action>`);
  expect(reply.status, reply.text).toBe(202);
  expect(reply.doc.action).toMatchObject({ status: "pending", job: { id: expect.any(String), href: expect.stringContaining("/ovirt-engine/api/jobs/") } });
  await waitForJob(api, reply.doc);
  const moved = (await api.doc(`/disks/${disk.id}`)).disk;
  expect(domainIdsOf(moved)).toEqual([archive.id]);
  expect(qemuInfo(imagePath(archive, disk.id, moved.image_id))["virtual-size"]).toBe(GiB);
  expect(existsSync(source)).toBe(false);
});

test("copy of a VM disk gives a new floating disk on the target domain under the alias asked for", async ({ api, domains }) => {
  const local = domains["local-ssd"];
  const vm = await vmWithDisks(api, "copysrc", [domains["nfs-gold"].id]);
  const alias = unique("copied");
  const reply = await api.post(`/disks/${vm.disks[0].id}/copy`, `<action><disk><name>${alias}</name></disk><storage_domain id="${local.id}"/></action>`);
  expect(reply.status, reply.text).toBe(202);
  const copyId = reply.doc.action.disk.id;
  await waitForJob(api, reply.doc);
  const copy = (await api.doc(`/disks/${copyId}`)).disk;
  expect(copy).toMatchObject({ alias, status: "ok" });
  expect(domainIdsOf(copy)).toEqual([local.id]);
  const file = imagePath(local, copyId, copy.image_id);
  expect(backingOf(file)).toBeNull();
  expect(domainIdsOf((await api.doc(`/disks/${vm.disks[0].id}`)).disk)).toEqual([domains["nfs-gold"].id]);
});

test("copy of a template disk adds a copy of the same disk on another domain, by either URL", async ({ api, domains }) => {
  const template = await templateNamed(api, "rhel9-template");
  const [os, app] = template.disks;
  const archive = dataDomainWithout(domains, os.domainIds);
  const first = await api.post(`/disks/${os.id}/copy`, `<action><storage_domain id="${archive.id}"/></action>`);
  expect(first.status, first.text).toBe(202);
  await waitForJob(api, first.doc);
  expect(domainIdsOf((await api.doc(`/disks/${os.id}`)).disk)).toEqual(expect.arrayContaining([os.domainIds[0], archive.id]));
  expect(volumeFiles(archive, os.id)).toHaveLength(1);

  const target = dataDomainWithout(domains, app.domainIds);
  const second = await api.post(`/templates/${template.id}/disks/${app.id}/copy`, `<action><storage_domain id="${target.id}"/></action>`);
  expect(second.status, second.text).toBe(202);
  await waitForJob(api, second.doc);
  expect(volumeFiles(target, app.id)).toHaveLength(1);

  const debian = await templateNamed(api, "debian12-template");
  expect((await api.post(`/templates/${debian.id}/disks/${app.id}/copy`, `<action><storage_domain id="${target.id}"/></action>`)).status).toBe(404);
});

test("a template disk's copy on one domain is removed with DELETE …/disks/{id}?storage_domain=; its other copies stay, the last one is refused", async ({ api, domains }) => {
  const template = await templateNamed(api, "rhel9-template");
  const [os] = template.disks;
  const extra = dataDomainWithout(domains, os.domainIds);
  const copied = await api.post(`/templates/${template.id}/disks/${os.id}/copy`, `<action><storage_domain id="${extra.id}"/></action>`);
  await waitForJob(api, copied.doc);
  expect(volumeFiles(extra, os.id)).toHaveLength(1);

  const withoutDomain = await api.delete(`/templates/${template.id}/disks/${os.id}`);
  expect(withoutDomain.status).toBe(400);
  expect(withoutDomain.text).toContain("storage_domain");
  const removed = await api.delete(`/templates/${template.id}/disks/${os.id}`, { storage_domain: extra.id });
  expect(removed.status, removed.text).toBe(200);
  await waitForJob(api, removed.doc);
  await expect.poll(() => volumeFiles(extra, os.id)).toHaveLength(0);
  expect(domainIdsOf((await api.doc(`/disks/${os.id}`)).disk)).not.toContain(extra.id);
  expect(domainIdsOf((await api.doc(`/disks/${os.id}`)).disk).length).toBeGreaterThanOrEqual(1);
  expect((await api.delete(`/templates/${template.id}/disks/${os.id}`, { storage_domain: extra.id })).status).toBe(404);
});

test("an existing floating disk is attached by id, detached again, then deleted with its image", async ({ api, domains }) => {
  const gold = domains["nfs-gold"];
  const disk = await floatingDisk(api, gold);
  const vmId = await vmNamed(api, "db-01");
  const attach = await api.post(`/vms/${vmId}/diskattachments`, `<disk_attachment><active>true</active><bootable>false</bootable><interface>virtio</interface><disk id="${disk.id}"/></disk_attachment>`);
  expect(attach.status, attach.text).toBe(201);
  expect(attach.doc.disk_attachment).toMatchObject({ id: disk.id, interface: "virtio", vm: { id: vmId } });
  expect((await api.get(`/vms/${vmId}/diskattachments/${disk.id}`)).status).toBe(200);

  const detach = await api.delete(`/vms/${vmId}/diskattachments/${disk.id}`);
  expect(detach.status).toBe(200);
  expect((await api.get(`/vms/${vmId}/diskattachments/${disk.id}`)).status).toBe(404);
  expect((await api.doc(`/disks/${disk.id}`)).disk.status).toBe("ok");

  const file = imagePath(gold, disk.id, disk.image_id);
  const removal = await api.delete(`/disks/${disk.id}`);
  expect(removal.status).toBe(200);
  await waitForJob(api, removal.doc);
  expect((await api.get(`/disks/${disk.id}`)).status).toBe(404);
  expect(existsSync(file)).toBe(false);
});

test("a disk locked by a running move refuses a second operation with 409", async ({ api, domains }) => {
  const [gold, silver] = [domains["nfs-gold"], domains["nfs-silver"]];
  const disk = await floatingDisk(api, gold, GiB, "raw");
  // Real data makes the copy take long enough to be caught in the act.
  writeData(imagePath(gold, disk.id, disk.image_id), "raw", 256);
  const move = await api.post(`/disks/${disk.id}/move`, `<action><storage_domain id="${silver.id}"/></action>`);
  expect(move.status).toBe(202);
  const again = await api.post(`/disks/${disk.id}/move`, `<action><storage_domain id="${domains["local-ssd"].id}"/></action>`);
  expect(again.status).toBe(409);
  expect(again.doc.fault.detail).toContain("locked");
  expect((await api.delete(`/disks/${disk.id}`)).status).toBe(409);
  await waitForJob(api, move.doc);
  expect(domainIdsOf((await api.doc(`/disks/${disk.id}`)).disk)).toEqual([silver.id]);
  const removal = await api.delete(`/disks/${disk.id}`);
  await waitForJob(api, removal.doc);
});

test("?async=false waits for the job and answers 200 with status complete", async ({ api, domains }) => {
  const disk = await floatingDisk(api, domains["local-ssd"]);
  const reply = await api.post(`/disks/${disk.id}/move`, `<action><storage_domain><name>nfs-silver</name></storage_domain></action>`, { async: false });
  expect(reply.status).toBe(200);
  expect(reply.doc.action.status).toBe("complete");
  expect(domainIdsOf((await api.doc(`/disks/${disk.id}`)).disk)).toEqual([domains["nfs-silver"].id]);
  expect((await api.post(`/disks/${randomUUID()}/move`, `<action><storage_domain id="${domains["nfs-gold"].id}"/></action>`)).status).toBe(404);
});
