import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { test, expect, unique, waitForJobs, disksOf } from "./support/fixtures";
import { items } from "./support/xml";
import { diskXml } from "./support/bodies";
import { vmWithDisks } from "./support/flows";
import { dataDir } from "../support";

// Detach a data domain and register what it holds, as the SDK and Ansible's ovirt_vm
// state=registered drive it: vms_service().list(unregistered=True), vm_service(id).register(
// cluster=…, allow_partial_import=…, reassign_bad_macs=…), disks_service().list(unregistered=True)
// and disks_service().add(Disk(id=…), unregistered=True); updateovfstore; faults that change nothing.

test("detach with a VM's disk and a floating disk on it; attach; list unregistered; register both back", async ({ api, domains }) => {
  const dc = items(await api.doc("/datacenters"), "data_centers", "data_center")[0].id as string;
  const name = unique("reg-sd");
  const dir = path.join(dataDir, "api-domains", name);
  mkdirSync(dir, { recursive: true });
  const added = await api.post("/storagedomains", `<storage_domain><name>${name}</name><type>data</type><host><name>myhost</name></host><storage><type>localfs</type><path>${dir}</path></storage></storage_domain>`);
  expect(added.status, added.text).toBe(201);
  const sd = added.doc.storage_domain.id as string;
  expect((await api.post(`/datacenters/${dc}/storagedomains`, `<storage_domain id="${sd}"/>`)).status).toBe(201);

  const other = Object.values(domains).find((d) => d.type === "data")!;
  const vm = await vmWithDisks(api, "reg-vm", [sd, other.id]);
  const correlationId = unique("corr");
  const floating = await api.post("/disks", diskXml({ name: unique("reg-float"), domainId: sd, sizeBytes: 64 * 1024 ** 2 }), { correlation_id: correlationId });
  expect(floating.status, floating.text).toBe(201);
  await waitForJobs(api, correlationId);
  const floatId = floating.doc.disk.id as string;
  // A template with its only disk here: it leaves the portal with the domain (and its source VM too).
  const source = await vmWithDisks(api, "reg-tplsrc", [sd]);
  const templateName = unique("reg-tpl");
  const tplCorrelation = unique("corr");
  const template = await api.post("/templates", `<template><name>${templateName}</name><vm id="${source.id}"/><storage_domain id="${sd}"/></template>`, { correlation_id: tplCorrelation });
  expect(template.status, template.text).toBe(201);
  await waitForJobs(api, tplCorrelation);

  const update = await api.post(`/storagedomains/${sd}/updateovfstore`, "<action/>");
  expect(update.status, update.text).toBe(200);
  expect(update.doc.action.status).toBe("complete");
  for (const id of [vm.id, floatId]) expect(existsSync(path.join(dir, sd, "ovf_store", `${id}.ovf`))).toBe(true);

  expect((await api.post(`/datacenters/${dc}/storagedomains/${sd}/deactivate`, "<action/>")).status).toBe(200);
  const detached = await api.delete(`/datacenters/${dc}/storagedomains/${sd}`);
  expect(detached.status, detached.text).toBe(200);
  expect((await disksOf(api, "vms", vm.id)).map((d) => d.alias)).toEqual([vm.disks[1].alias]);
  expect((await api.get(`/disks/${floatId}`)).status).toBe(404);

  expect((await api.post(`/datacenters/${dc}/storagedomains`, `<storage_domain id="${sd}"/>`)).status).toBe(201);
  const listed = items(await api.doc(`/storagedomains/${sd}/vms`, { unregistered: "true" }), "vms", "vm");
  // The VM that stays (it has a disk elsewhere) and the template's source VM, which left with the domain.
  expect(listed.map((v) => v.name).sort()).toEqual([vm.name, source.name].sort());
  expect(listed[0].actions.link.map((l: { rel: string }) => l.rel)).toEqual(["register"]);
  expect(items(await api.doc(`/storagedomains/${sd}/vms`, { unregistered: "true", search: `name=${vm.name}` }), "vms", "vm").map((v) => v.id)).toEqual([vm.id]);
  expect(items(await api.doc(`/storagedomains/${sd}/templates`, { unregistered: "true" }), "templates", "template").map((t) => t.name)).toEqual([templateName]);
  expect(items(await api.doc("/templates", { search: `name="${templateName}"` }), "templates", "template")).toEqual([]);
  const floats = items(await api.doc(`/storagedomains/${sd}/disks`, { unregistered: "true" }), "disks", "disk");
  expect(floats.map((d) => d.id)).toEqual([floatId]);
  expect(floats[0]).toMatchObject({ provisioned_size: String(64 * 1024 ** 2) });
  expect(items(floats[0], "storage_domains", "storage_domain").map((d) => d.id)).toEqual([sd]);

  // Bad requests are faults and change nothing.
  const bogus = await api.post(`/storagedomains/${sd}/vms/${vm.id}/register`, "<action><bogus>1</bogus></action>");
  expect(bogus.status).toBe(400);
  expect(bogus.doc.fault.detail).toMatch(/bogus/);
  expect((await api.post(`/storagedomains/${sd}/vms/no-such-vm/register`, "<action/>")).status).toBe(404);
  expect((await api.post(`/storagedomains/${sd}/vms/${vm.id}/register`, "<action><cluster><name>no-such-cluster</name></cluster></action>")).status).toBe(404);
  const noFlag = await api.post(`/storagedomains/${sd}/disks`, `<disk id="${floatId}"/>`);
  expect(noFlag.status).toBe(400);
  expect((await disksOf(api, "vms", vm.id)).length).toBe(1);

  const registered = await api.post(`/storagedomains/${sd}/vms/${vm.id}/register`, "<action><cluster><name>Default</name></cluster><allow_partial_import>false</allow_partial_import><reassign_bad_macs>true</reassign_bad_macs></action>");
  expect(registered.status, registered.text).toBe(200);
  expect(registered.doc.action).toMatchObject({ status: "complete", vm: { id: vm.id } });
  const back = await disksOf(api, "vms", vm.id);
  expect(back.map((d) => [d.alias, d.domainIds]).sort()).toEqual([[vm.disks[0].alias, [sd]], [vm.disks[1].alias, [other.id]]].sort());
  expect((await api.doc(`/vms/${vm.id}`)).vm.status).toBe("down");
  expect((await api.post(`/storagedomains/${sd}/vms/${vm.id}/register`, "<action/>")).status).toBe(404);

  // As ovirt_template state=registered sends it (no allow_partial_import when unset); then it searches by quoted name.
  const tpl = await api.post(`/storagedomains/${sd}/templates/${template.doc.template.id}/register`, "<action><cluster><name>Default</name></cluster></action>");
  expect(tpl.status, tpl.text).toBe(200);
  expect(tpl.doc.action).toMatchObject({ status: "complete", template: { id: template.doc.template.id } });
  expect(items(await api.doc("/templates", { search: `name="${templateName}"` }), "templates", "template").map((t) => t.status)).toEqual(["ok"]);
  expect(items(await api.doc(`/storagedomains/${sd}/templates`, { unregistered: "true" }), "templates", "template")).toEqual([]);

  const disk = await api.post(`/storagedomains/${sd}/disks`, `<disk id="${floatId}"/>`, { unregistered: "true" });
  expect(disk.status, disk.text).toBe(201);
  expect(disk.doc.disk).toMatchObject({ id: floatId, status: "ok" });
  expect(items(disk.doc.disk, "storage_domains", "storage_domain").map((d) => d.id)).toEqual([sd]);
  expect(items(await api.doc(`/storagedomains/${sd}/disks`, { unregistered: "true" }), "disks", "disk")).toEqual([]);

  // Leave the demo as it was: the domain goes, with what it holds (the VM keeps its other disk).
  expect((await api.post(`/datacenters/${dc}/storagedomains/${sd}/deactivate`, "<action/>")).status).toBe(200);
  expect((await api.delete(`/datacenters/${dc}/storagedomains/${sd}`)).status).toBe(200);
  expect((await api.delete(`/storagedomains/${sd}`, { format: true })).status).toBe(200);
});
