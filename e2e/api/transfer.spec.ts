import { existsSync } from "node:fs";
import path from "node:path";
import { test, expect, unique, waitForJob, waitForJobs, disksOf } from "./support/fixtures";
import { diskMapXml } from "./support/bodies";
import { backingOf, imagePath, qemuInfo } from "./support/storage";
import { templateNamed, vmWithDisks } from "./support/flows";
import { items } from "./support/xml";

// Export to the export domain and import back with a target domain per disk.

test("a VM with disks on three domains is exported, listed on the export domain, and imported with a per-disk map", async ({ api, domains }) => {
  const [gold, silver, local, archive, exportDomain] = [domains["nfs-gold"], domains["nfs-silver"], domains["local-ssd"], domains["posix-archive"], domains.export];
  const vm = await vmWithDisks(api, "exp", [gold.id, silver.id, local.id]);
  const exported = await api.post(`/vms/${vm.id}/export`, `<action><exclusive>true</exclusive><storage_domain id="${exportDomain.id}"/></action>`);
  expect(exported.status, exported.text).toBe(202);
  expect(exported.doc.action.status).toBe("pending");
  await waitForJob(api, exported.doc);
  expect(existsSync(path.join(exportDomain.path, exportDomain.id, "master", "vms", vm.id, `${vm.id}.ovf`))).toBe(true);

  const listed = items(await api.doc(`/storagedomains/${exportDomain.id}/vms`, { search: `name=${vm.name}` }), "vms", "vm");
  expect(listed.map((v) => v.id)).toEqual([vm.id]);
  const exportedDisks = items(await api.doc(`/storagedomains/${exportDomain.id}/vms/${vm.id}/disks`), "disks", "disk");
  expect(exportedDisks.map((d) => d.alias).sort()).toEqual(vm.disks.map((d) => d.alias).sort());
  for (const disk of exportedDisks) expect(qemuInfo(imagePath(exportDomain, disk.id, disk.image_id))["virtual-size"]).toBe(Number(disk.provisioned_size));

  // Again without exclusive=true: the export is already there.
  const twice = await api.post(`/vms/${vm.id}/export`, `<action><storage_domain id="${exportDomain.id}"/></action>`);
  expect(twice.status).toBe(409);
  // Without clone the name stays, and it is taken by the original.
  const sameName = await api.post(`/storagedomains/${exportDomain.id}/vms/${vm.id}/import`, `<action><storage_domain id="${gold.id}"/></action>`);
  expect(sameName.status).toBe(409);

  const newName = unique("imported");
  const map = [
    { diskId: vm.disks[0].id, domainId: archive.id },
    { diskId: vm.disks[1].id, domainId: local.id },
  ];
  const imported = await api.post(
    `/storagedomains/${exportDomain.id}/vms/${vm.id}/import`,
    `<action><clone>true</clone><cluster><name>Default</name></cluster><storage_domain id="${gold.id}"/><vm><name>${newName}</name>${diskMapXml(map)}</vm></action>`,
  );
  expect(imported.status, imported.text).toBe(202);
  await waitForJob(api, imported.doc);
  const newVm = (await api.doc(`/vms/${imported.doc.action.vm.id}`)).vm;
  expect(newVm).toMatchObject({ name: newName, status: "down" });
  const expected = { [vm.disks[0].alias]: archive, [vm.disks[1].alias]: local, [vm.disks[2].alias]: gold };
  for (const disk of await disksOf(api, "vms", newVm.id)) {
    const domain = expected[disk.alias];
    expect(disk.domainIds).toEqual([domain.id]);
    const file = imagePath(domain, disk.id, disk.imageId);
    expect(backingOf(file)).toBeNull();
  }
});

test("a template is exported and imported as a new template on one domain", async ({ api, domains }) => {
  const [silver, exportDomain] = [domains["nfs-silver"], domains.export];
  const template = await templateNamed(api, "debian12-template");
  const exported = await api.post(`/templates/${template.id}/export`, `<action><exclusive>true</exclusive><storage_domain id="${exportDomain.id}"/></action>`);
  expect(exported.status, exported.text).toBe(202);
  await waitForJob(api, exported.doc);
  expect(items(await api.doc(`/storagedomains/${exportDomain.id}/templates`), "templates", "template").map((t) => t.id)).toContain(template.id);

  const name = unique("tplimport");
  const imported = await api.post(`/storagedomains/${exportDomain.id}/templates/${template.id}/import`, `<action><clone>true</clone><storage_domain id="${silver.id}"/><template><name>${name}</name></template></action>`);
  expect(imported.status, imported.text).toBe(202);
  await waitForJob(api, imported.doc);
  const disks = await disksOf(api, "templates", imported.doc.action.template.id);
  expect(disks).toHaveLength(3);
  for (const disk of disks) {
    expect(disk.domainIds).toEqual([silver.id]);
    expect(existsSync(imagePath(silver, disk.id, disk.imageId))).toBe(true);
  }
  expect((await api.doc(`/templates/${imported.doc.action.template.id}`)).template.name).toBe(name);
});

test("an exported VM is deleted from the export domain (the SDK's remove()), with its disk images", async ({ api, domains }) => {
  const [gold, silver, exportDomain] = [domains["nfs-gold"], domains["nfs-silver"], domains.export];
  const vm = await vmWithDisks(api, "exp-rm", [gold.id, silver.id]);
  const exported = await api.post(`/vms/${vm.id}/export`, `<action><exclusive>true</exclusive><storage_domain id="${exportDomain.id}"/></action>`);
  await waitForJob(api, exported.doc);
  const images = items(await api.doc(`/storagedomains/${exportDomain.id}/vms/${vm.id}/disks`), "disks", "disk").map((d) => imagePath(exportDomain, d.id, d.image_id));
  expect(images.every((file) => existsSync(file))).toBe(true);

  const removed = await api.delete(`/storagedomains/${exportDomain.id}/vms/${vm.id}`);
  expect(removed.status, removed.text).toBe(200);
  expect((await api.get(`/storagedomains/${exportDomain.id}/vms/${vm.id}`)).status).toBe(404);
  expect(images.some((file) => existsSync(file))).toBe(false);
  expect((await api.delete(`/storagedomains/${exportDomain.id}/vms/${vm.id}`)).status).toBe(404);
  expect((await api.doc(`/vms/${vm.id}`)).vm.name).toBe(vm.name); // the VM itself stays
});

test("a VM with disks on three domains is exported as an OVA on the host and imported back as a new VM", async ({ api, domains }) => {
  const [gold, silver, local] = [domains["nfs-gold"], domains["nfs-silver"], domains["local-ssd"]];
  const vm = await vmWithDisks(api, "ova", [gold.id, silver.id, local.id]);
  const hostId = items(await api.doc("/hosts"), "hosts", "host")[0].id;
  const directory = path.resolve(".e2e-data", "ova");
  const filename = `${vm.name}.ova`;
  const exported = await api.post(`/vms/${vm.id}/exporttopathonhost`, `<action><host id="${hostId}"/><directory>${directory}</directory><filename>${filename}</filename></action>`);
  expect(exported.status, exported.text).toBe(202);
  await waitForJob(api, exported.doc);
  expect(existsSync(path.join(directory, filename))).toBe(true);
  // The same file again, and a folder outside the OVA folders: refused, with faults.
  expect((await api.post(`/vms/${vm.id}/exporttopathonhost`, `<action><directory>${directory}</directory><filename>${filename}</filename></action>`)).status).toBe(409);
  const outside = await api.post(`/vms/${vm.id}/exporttopathonhost`, `<action><directory>/etc</directory><filename>x.ova</filename></action>`);
  expect(outside.status).toBe(400);
  expect(outside.doc.fault.detail).toContain("OVA files go to");

  const name = unique("from-ova");
  const correlationId = unique("ova-import");
  const imported = await api.post("/externalvmimports", `<external_vm_import><url>ova://${path.join(directory, filename)}</url><storage_domain id="${local.id}"/><vm><name>${name}</name></vm></external_vm_import>`, { correlation_id: correlationId });
  expect(imported.status, imported.text).toBe(201);
  await waitForJobs(api, correlationId);
  const copy = (await api.doc(`/vms/${imported.doc.external_vm_import.vm.id}`)).vm;
  expect(copy).toMatchObject({ name, status: "down" });
  const disks = await disksOf(api, "vms", copy.id);
  expect(disks).toHaveLength(3);
  for (const disk of disks) {
    expect(disk.domainIds).toEqual([local.id]);
    expect(qemuInfo(imagePath(local, disk.id, disk.imageId)).format).toBe("qcow2");
  }
  // A template's import path refuses a VM's OVA.
  const wrongKind = await api.post("/externaltemplateimports", `<external_template_import><url>ova://${path.join(directory, filename)}</url><storage_domain id="${local.id}"/></external_template_import>`);
  expect(wrongKind.status).toBe(409);
});
