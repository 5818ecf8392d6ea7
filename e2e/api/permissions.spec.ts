import { expect, test, type Page } from "@playwright/test";
import { query, unique } from "../support";
import { Api } from "./support/api-client";
import { items } from "./support/xml";

// A ReadOnlyAdmin, made through the admin page, calls every mutating route of the API with a
// valid request: each answers 403 with a <fault>, and nothing changes. Reads still work.

const PASSWORD = "read-only-password";

/** A new user, made on the admin page as an administrator would. */
async function createUser(page: Page, prefix: string) {
  const name = unique(prefix);
  await page.goto("/admin/users");
  await page.getByLabel("New user name").fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create user" }).click();
  return name;
}

async function counts() {
  const n = async (table: string) => (await query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${table}`))[0].n;
  return { vms: await n('"Vm"'), disks: await n('"Disk"'), volumes: await n('"Volume"'), templates: await n('"Template"'), snapshots: await n('"Snapshot"'), jobs: await n('"Job"'), active: await n(`"StorageDomain" WHERE status = 'active'`) };
}

test("a read-only user gets 403 on every mutating API call", async ({ page, request }) => {
  const name = await createUser(page, "api-reader");
  const grant = page.getByRole("group", { name: `Grant to ${name}` });
  await grant.getByLabel("Role").selectOption("ReadOnlyAdmin");
  await grant.getByRole("button", { name: "Grant" }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("ReadOnlyAdmin on the system");

  const api = new Api(request, `Basic ${Buffer.from(`${name}:${PASSWORD}`).toString("base64")}`);
  const one = async <T,>(sql: string) => (await query<T>(sql))[0];
  const vm = await one<{ id: string }>(`SELECT id FROM "Vm" WHERE name = 'web-01'`);
  const readerId = await one<{ id: string }>(`SELECT id FROM "User" WHERE name = '${name}'`);
  const vmDisk = await one<{ id: string }>(`SELECT "diskId" AS id FROM "DiskAttachment" WHERE "vmId" = '${vm.id}' LIMIT 1`);
  const template = await one<{ id: string }>(`SELECT id FROM "Template" WHERE name = 'rhel9-template'`);
  const templateDisk = await one<{ id: string }>(`SELECT "diskId" AS id FROM "DiskAttachment" WHERE "templateId" = '${template.id}' LIMIT 1`);
  const sd = await one<{ id: string; dc: string }>(`SELECT id, "dataCenterId" AS dc FROM "StorageDomain" WHERE name = 'posix-archive'`);
  const exportSd = await one<{ id: string }>(`SELECT id FROM "StorageDomain" WHERE name = 'export'`);
  const newDisk = `<disk><name>${unique("x")}</name><format>cow</format><provisioned_size>1073741824</provisioned_size><storage_domains><storage_domain id="${sd.id}"/></storage_domains></disk>`;
  const onDomain = `<action><storage_domain id="${sd.id}"/></action>`;

  const calls: [string, () => ReturnType<Api["post"]>][] = [
    ["POST /vms", () => api.post("/vms", `<vm><name>${unique("ro")}</name><cluster><name>Default</name></cluster><template><name>Blank</name></template></vm>`)],
    ["POST /vms from template", () => api.post("/vms", `<vm><name>${unique("ro")}</name><cluster><name>Default</name></cluster><template id="${template.id}"/></vm>`)],
    ["DELETE /vms/{id}", () => api.delete(`/vms/${vm.id}`)],
    ["POST /vms/{id}/diskattachments", () => api.post(`/vms/${vm.id}/diskattachments`, `<disk_attachment><interface>virtio</interface><bootable>false</bootable>${newDisk}</disk_attachment>`)],
    ["DELETE /vms/{id}/diskattachments/{d}", () => api.delete(`/vms/${vm.id}/diskattachments/${vmDisk.id}`)],
    ["POST /jobs", () => api.post("/jobs", `<job><description>${unique("ro")}</description><external>true</external><status>started</status></job>`)],
    ["POST /vms/{id}/permissions", () => api.post(`/vms/${vm.id}/permissions`, `<permission><role><name>SuperUser</name></role><user id="${readerId.id}"/></permission>`)],
    ["POST /vms/{id}/snapshots", () => api.post(`/vms/${vm.id}/snapshots`, "<snapshot><description>ro</description><persist_memorystate>false</persist_memorystate></snapshot>")],
    ["POST /vms/{id}/export", () => api.post(`/vms/${vm.id}/export`, `<action><exclusive>true</exclusive><storage_domain id="${exportSd.id}"/></action>`)],
    ["POST /templates", () => api.post("/templates", `<template><name>${unique("ro")}</name><vm id="${vm.id}"/></template>`)],
    ["POST /templates/{id}/clone", () => api.post(`/templates/${template.id}/clone`, `<action><template><name>${unique("ro")}</name></template><storage_domain id="${sd.id}"/></action>`)],
    ["POST /templates/{id}/export", () => api.post(`/templates/${template.id}/export`, `<action><exclusive>true</exclusive><storage_domain id="${exportSd.id}"/></action>`)],
    ["POST /templates/{id}/disks/{d}/copy", () => api.post(`/templates/${template.id}/disks/${templateDisk.id}/copy`, onDomain)],
    ["DELETE /templates/{id}", () => api.delete(`/templates/${template.id}`)],
    ["POST /disks", () => api.post("/disks", newDisk)],
    ["POST /disks/{id}/move", () => api.post(`/disks/${vmDisk.id}/move`, onDomain)],
    ["POST /disks/{id}/copy", () => api.post(`/disks/${vmDisk.id}/copy`, onDomain)],
    ["DELETE /disks/{id}", () => api.delete(`/disks/${vmDisk.id}`)],
    ["POST …/storagedomains/{sd}/deactivate", () => api.post(`/datacenters/${sd.dc}/storagedomains/${sd.id}/deactivate`, "<action/>")],
    ["POST …/storagedomains/{sd}/activate", () => api.post(`/datacenters/${sd.dc}/storagedomains/${sd.id}/activate`, "<action/>")],
  ];
  const before = await counts();
  for (const [label, call] of calls) {
    const reply = await call();
    expect(reply.status, `${label}: ${reply.text}`).toBe(403);
    expect(reply.text, label).toContain("is not permitted");
  }
  expect(await counts()).toEqual(before);
  // Reading is allowed.
  expect((await api.get(`/vms/${vm.id}`)).status).toBe(200);
});

test("ovirt_permission: a user found by usrname gets UserVmManager on a VM, listed with its role's name, then revoked", async ({ page, request }) => {
  const name = await createUser(page, "api-operator");
  await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
  const api = new Api(request);
  const [user] = items(await api.doc("/users", { search: `usrname=${name}@internal-authz` }), "users", "user");
  expect(user).toMatchObject({ principal: name, user_name: `${name}@internal-authz` });
  const vm = (await query<{ id: string }>(`SELECT id FROM "Vm" WHERE name = 'db-01'`))[0];
  const listed = async () => items(await api.doc(`/vms/${vm.id}/permissions`), "permissions", "permission");
  // The system's SuperUser covers the VM too: listed, without the VM, and not revocable here.
  const inherited = (await listed()).find((p) => !p.vm)!;
  expect((await api.doc(`/roles/${inherited.role.id}`)).role.name).toBe("SuperUser");
  expect((await api.delete(`/vms/${vm.id}/permissions/${inherited.id}`)).status).toBe(409);

  const grant = `<permission><role><name>UserVmManager</name></role><user id="${user.id}"/></permission>`;
  const created = await api.post(`/vms/${vm.id}/permissions`, grant);
  expect(created.status, created.text).toBe(201);
  expect(created.doc.permission).toMatchObject({ user: { id: user.id }, vm: { id: vm.id } });
  const mine = (await listed()).filter((p) => p.user?.id === user.id);
  expect(mine.map((p) => p.id)).toEqual([created.doc.permission.id]);
  // As the module reads it: the role's name through its link.
  expect((await api.doc(`/roles/${mine[0].role.id}`)).role.name).toBe("UserVmManager");
  expect((await query<{ role: string }>(`SELECT role FROM "Permission" WHERE "userId" = ? AND "objectId" = ?`, user.id, vm.id)).map((p) => p.role)).toEqual(["UserVmManager"]);

  const unknownRole = await api.post(`/vms/${vm.id}/permissions`, grant.replace("UserVmManager", "NoSuchRole"));
  expect(unknownRole.status).toBe(404);
  expect((await api.post(`/vms/${vm.id}/permissions`, "<permission><role><name>UserVmManager</name></role></permission>")).status).toBe(400);

  expect((await api.delete(`/vms/${vm.id}/permissions/${created.doc.permission.id}`)).status).toBe(200);
  expect((await listed()).filter((p) => p.user?.id === user.id)).toEqual([]);
  expect((await api.get(`/vms/${vm.id}/permissions/${created.doc.permission.id}`)).status).toBe(404);
});
