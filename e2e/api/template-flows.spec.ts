import { existsSync } from "node:fs";
import { test, expect, unique, waitForJobs, waitForJob, disksOf, settle } from "./support/fixtures";
import { diskMapXml } from "./support/bodies";
import { backingOf, imagePath, qemuInfo } from "./support/storage";
import { vmWithDisks } from "./support/flows";
import type { Domain } from "./support/fixtures";

// Templates: from a VM with a domain per disk, a default domain, clone, delete.

const domainById = (domains: Record<string, Domain>, id: string) => Object.values(domains).find((d) => d.id === id)!;

test("POST /templates copies each VM disk to the domain named for it; clone and delete follow", async ({ api, domains }) => {
  const [gold, silver, local, archive] = [domains["nfs-gold"], domains["nfs-silver"], domains["local-ssd"], domains["posix-archive"]];
  const vm = await vmWithDisks(api, "tplsrc", [gold.id, silver.id, local.id]);
  const targets = [archive, gold, silver];
  const name = unique("tpl");
  const correlationId = unique("corr");
  const created = await api.post(
    "/templates",
    `<template><name>${name}</name><cluster><name>Default</name></cluster><vm id="${vm.id}">${diskMapXml(vm.disks.map((d, i) => ({ diskId: d.id, domainId: targets[i].id })))}</vm></template>`,
    { correlation_id: correlationId },
  );
  expect(created.status, created.text).toBe(201);
  expect(["locked", "ok"]).toContain(created.doc.template.status);
  await waitForJobs(api, correlationId);
  const template = await settle(api, `/templates/${created.doc.template.id}`, "template", ["locked"]);
  expect(template.status).toBe("ok");

  const templateDisks = await disksOf(api, "templates", template.id);
  expect(templateDisks).toHaveLength(3);
  for (const [i, source] of vm.disks.entries()) {
    const disk = templateDisks.find((d) => d.alias === source.alias)!;
    expect(disk.domainIds).toEqual([targets[i].id]);
    const file = imagePath(targets[i], disk.id, disk.imageId);
    expect(qemuInfo(file).format).toBe("qcow2");
    expect(backingOf(file)).toBeNull();
  }

  // Clone (Multistore's action): full copies, each disk on its own domain again.
  const cloneTargets = [local, archive, gold];
  const cloneName = unique("tplclone");
  const clone = await api.post(
    `/templates/${template.id}/clone`,
    `<action><template><name>${cloneName}</name>${diskMapXml(templateDisks.map((d, i) => ({ diskId: d.id, domainId: cloneTargets[i].id })))}</template></action>`,
  );
  expect(clone.status, clone.text).toBe(202);
  await waitForJob(api, clone.doc);
  const cloned = (await api.doc(`/templates/${clone.doc.action.template.id}`)).template;
  expect(cloned).toMatchObject({ name: cloneName, status: "ok" });
  const clonedDisks = await disksOf(api, "templates", cloned.id);
  for (const [i, source] of templateDisks.entries()) {
    const disk = clonedDisks.find((d) => d.alias === source.alias)!;
    expect(disk.id).not.toBe(source.id);
    expect(disk.domainIds).toEqual([cloneTargets[i].id]);
    expect(existsSync(imagePath(cloneTargets[i], disk.id, disk.imageId))).toBe(true);
  }

  // A template with a thin VM on it cannot go; once the VM is gone it can, with every image.
  const thinCorrelation = unique("corr");
  const thinVm = await api.post("/vms", `<vm><name>${unique("onTpl")}</name><template id="${template.id}"/></vm>`, { correlation_id: thinCorrelation });
  expect(thinVm.status, thinVm.text).toBe(201);
  await waitForJobs(api, thinCorrelation);
  const refused = await api.delete(`/templates/${template.id}`);
  expect(refused.status).toBe(409);
  expect(refused.doc.fault.detail).toContain("thin on it");
  await waitForJob(api, (await api.delete(`/vms/${thinVm.doc.vm.id}`)).doc);
  const removal = await api.delete(`/templates/${template.id}`);
  expect(removal.status).toBe(200);
  await waitForJob(api, removal.doc);
  expect((await api.get(`/templates/${template.id}`)).status).toBe(404);
  for (const disk of templateDisks) expect(existsSync(imagePath(domainById(domains, disk.domainIds[0]), disk.id, disk.imageId))).toBe(false);
});

test("a top-level <storage_domain> places every disk of the new template there", async ({ api, domains }) => {
  const archive = domains["posix-archive"];
  const vm = await vmWithDisks(api, "tpldefault", [domains["nfs-gold"].id, domains["nfs-silver"].id, domains["local-ssd"].id]);
  const correlationId = unique("corr");
  const created = await api.post("/templates", `<template><name>${unique("tpl")}</name><vm id="${vm.id}"/><storage_domain id="${archive.id}"/></template>`, { correlation_id: correlationId });
  expect(created.status, created.text).toBe(201);
  await waitForJobs(api, correlationId);
  const disks = await disksOf(api, "templates", created.doc.template.id);
  expect(disks.map((d) => d.domainIds)).toEqual([[archive.id], [archive.id], [archive.id]]);
  for (const disk of disks) expect(existsSync(imagePath(archive, disk.id, disk.imageId))).toBe(true);
});
