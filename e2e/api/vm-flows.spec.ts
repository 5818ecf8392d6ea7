import { existsSync, statSync } from "node:fs";
import { test, expect, unique, waitForJobs, waitForJob, disksOf, settle, dataDomainWithout, GiB } from "./support/fixtures";
import { diskAttachmentXml, diskMapXml } from "./support/bodies";
import { backingOf, imagePath, qemuInfo, volumeFiles } from "./support/storage";
import { templateNamed, vmWithDisks } from "./support/flows";
import { items } from "./support/xml";

// VMs with their disks on the domains the client chooses, disk by disk, checked on disk.

test("a blank VM gets three new disks on three domains through POST /vms/{id}/diskattachments", async ({ api, domains }) => {
  const name = unique("blank");
  const created = await api.post("/vms", `<vm><name>${name}</name><cluster><name>Default</name></cluster><template><name>Blank</name></template><memory>1073741824</memory><cpu><topology><sockets>2</sockets><cores>1</cores><threads>1</threads></topology></cpu></vm>`);
  expect(created.status, created.text).toBe(201);
  const vmId = created.doc.vm.id;
  expect(created.headers.location).toMatch(new RegExp(`/ovirt-engine/api/vms/${vmId}$`));
  expect(created.doc.vm).toMatchObject({ name, memory: String(GiB), cpu: { topology: { sockets: "2" } } });
  expect(["image_locked", "down"]).toContain(created.doc.vm.status);
  await settle(api, `/vms/${vmId}`, "vm", ["image_locked"]);

  const plan = [
    { domain: domains["nfs-gold"], format: "cow" as const, sparse: true, iface: "virtio_scsi", qemu: "qcow2" },
    { domain: domains["nfs-silver"], format: "raw" as const, sparse: true, iface: "virtio", qemu: "raw" },
    { domain: domains["posix-archive"], format: "cow" as const, sparse: true, iface: "sata", qemu: "qcow2" },
  ];
  const diskIds = [];
  for (const [i, p] of plan.entries()) {
    const reply = await api.post(`/vms/${vmId}/diskattachments`, diskAttachmentXml({ name: `${name}-d${i}`, domainId: p.domain.id, sizeBytes: (i + 1) * GiB, format: p.format, sparse: p.sparse }, p.iface, i === 0));
    expect(reply.status, reply.text).toBe(201);
    expect(reply.doc.disk_attachment).toMatchObject({ interface: p.iface, bootable: String(i === 0), vm: { id: vmId } });
    diskIds.push(reply.doc.disk_attachment.disk.id as string);
  }
  for (const [i, diskId] of diskIds.entries()) {
    const disk = await settle(api, `/disks/${diskId}`, "disk", ["locked"]);
    expect(disk.status).toBe("ok");
    expect(items(disk, "storage_domains", "storage_domain").map((s) => s.id)).toEqual([plan[i].domain.id]);
    const info = qemuInfo(imagePath(plan[i].domain, diskId, disk.image_id));
    expect(info.format).toBe(plan[i].qemu);
    expect(info["virtual-size"]).toBe((i + 1) * GiB);
  }
  expect(items(await api.doc(`/vms/${vmId}/diskattachments`), "disk_attachments", "disk_attachment")).toHaveLength(3);
});

test("from a template without clone, each disk is a thin overlay on the template's copy on its domain", async ({ api, domains }) => {
  const template = await templateNamed(api, "rhel9-template");
  const name = unique("thin");
  const correlationId = unique("corr");
  const map = template.disks.map((d) => ({ diskId: d.id, domainId: d.domainIds[0], extra: "<format>cow</format><sparse>true</sparse>" }));
  const reply = await api.post("/vms", `<vm><name>${name}</name><cluster><name>Default</name></cluster><template id="${template.id}"/>${diskMapXml(map)}</vm>`, { correlation_id: correlationId });
  expect(reply.status, reply.text).toBe(201);
  await waitForJobs(api, correlationId);
  expect((await api.doc(`/vms/${reply.doc.vm.id}`)).vm.status).toBe("down");

  const byDomain = Object.values(domains);
  for (const disk of await disksOf(api, "vms", reply.doc.vm.id)) {
    const source = template.disks.find((t) => disk.alias.endsWith(t.alias))!;
    const domain = byDomain.find((d) => d.id === source.domainIds[0])!;
    expect(disk.domainIds).toEqual([domain.id]);
    const file = imagePath(domain, disk.id, disk.imageId);
    expect(qemuInfo(file).format).toBe("qcow2");
    expect(backingOf(file)).toBe(volumeFiles(domain, source.id)[0]);
  }
});

test("from a template with ?clone=true, full copies go to three other domains", async ({ api, domains }) => {
  const template = await templateNamed(api, "rhel9-template");
  const targets = [domains["posix-archive"], domains["local-ssd"], domains["nfs-gold"]];
  const name = unique("clone");
  const correlationId = unique("corr");
  const map = template.disks.map((d, i) => ({ diskId: d.id, domainId: targets[i].id }));
  const reply = await api.post("/vms", `<vm><name>${name}</name><cluster><name>Default</name></cluster><template id="${template.id}"/>${diskMapXml(map)}</vm>`, { clone: true, correlation_id: correlationId });
  expect(reply.status, reply.text).toBe(201);
  await waitForJobs(api, correlationId);

  const disks = await disksOf(api, "vms", reply.doc.vm.id);
  for (const [i, source] of template.disks.entries()) {
    const disk = disks.find((d) => d.alias.endsWith(source.alias))!;
    expect(disk.domainIds).toEqual([targets[i].id]);
    const file = imagePath(targets[i], disk.id, disk.imageId);
    expect(existsSync(file)).toBe(true);
    expect(backingOf(file)).toBeNull();
  }
});

test("?clone=true with a format and allocation per disk, as ovirt_vm sends them: a raw preallocated copy where asked, the template's format elsewhere", async ({ api, domains }) => {
  const [gold, archive] = [domains["nfs-gold"], domains["posix-archive"]];
  const source = await vmWithDisks(api, "clone-src", [gold.id, gold.id], { format: "cow" });
  const correlationId = unique("corr");
  const made = await api.post("/templates", `<template><name>${unique("clone-tpl")}</name><vm id="${source.id}"/></template>`, { correlation_id: correlationId });
  expect(made.status, made.text).toBe(201);
  await waitForJobs(api, correlationId);
  const template = await templateNamed(api, made.doc.template.name);
  const [first, second] = template.disks;
  const map = [
    { diskId: first.id, domainId: archive.id, extra: "<format>raw</format><sparse>false</sparse>" },
    { diskId: second.id, domainId: archive.id },
  ];
  const cloneCorrelation = unique("corr");
  const reply = await api.post("/vms", `<vm><name>${unique("clone-raw")}</name><cluster><name>Default</name></cluster><template id="${template.id}"/>${diskMapXml(map)}</vm>`, { clone: true, correlation_id: cloneCorrelation });
  expect(reply.status, reply.text).toBe(201);
  await waitForJobs(api, cloneCorrelation);
  const disks = await disksOf(api, "vms", reply.doc.vm.id);
  const raw = disks.find((d) => d.alias.endsWith(first.alias))!;
  const cow = disks.find((d) => d.alias.endsWith(second.alias))!;
  expect((await api.doc(`/disks/${raw.id}`)).disk).toMatchObject({ format: "raw", sparse: "false" });
  expect((await api.doc(`/disks/${cow.id}`)).disk).toMatchObject({ format: "cow", sparse: "true" });
  const rawFile = imagePath(archive, raw.id, raw.imageId);
  expect(qemuInfo(rawFile)).toMatchObject({ format: "raw", "virtual-size": 256 * 1024 ** 2 });
  expect(statSync(rawFile).blocks * 512).toBeGreaterThanOrEqual(256 * 1024 ** 2); // its blocks are reserved
  expect(qemuInfo(imagePath(archive, cow.id, cow.imageId)).format).toBe("qcow2");
  // A thin disk is a qcow2 overlay: asking it for another format is a 400, and nothing is made.
  const refused = await api.post("/vms", `<vm><name>${unique("thin-raw")}</name><cluster><name>Default</name></cluster><template id="${template.id}"/>${diskMapXml([map[0]])}</vm>`);
  expect(refused.status, refused.text).toBe(400);
});

test("provisioning_mode copy_then_thin copies the template disk to the target first, then makes the disk thin there", async ({ api, domains }) => {
  const template = await templateNamed(api, "debian12-template");
  const osDisk = template.disks[0];
  const target = dataDomainWithout(domains, osDisk.domainIds);
  const correlationId = unique("corr");
  const reply = await api.post(
    "/vms",
    `<vm><name>${unique("ctt")}</name><template id="${template.id}"/>${diskMapXml([{ diskId: osDisk.id, domainId: target.id, extra: "<provisioning_mode>copy_then_thin</provisioning_mode>" }])}</vm>`,
    { correlation_id: correlationId },
  );
  expect(reply.status, reply.text).toBe(201);
  await waitForJobs(api, correlationId);

  const templateDisk = (await api.doc(`/disks/${osDisk.id}`)).disk;
  expect(items(templateDisk, "storage_domains", "storage_domain").map((s) => s.id)).toContain(target.id);
  const vmDisk = (await disksOf(api, "vms", reply.doc.vm.id)).find((d) => d.alias.endsWith(osDisk.alias))!;
  expect(vmDisk.domainIds).toEqual([target.id]);
  expect(backingOf(imagePath(target, vmDisk.id, vmDisk.imageId))).toBe(volumeFiles(target, osDisk.id)[0]);
});

test("a thin disk on a domain without the template's copy is a 409 and creates nothing", async ({ api, domains }) => {
  const template = await templateNamed(api, "rhel9-template");
  const name = unique("refused");
  const bare = dataDomainWithout(domains, template.disks[0].domainIds);
  const reply = await api.post("/vms", `<vm><name>${name}</name><template id="${template.id}"/>${diskMapXml([{ diskId: template.disks[0].id, domainId: bare.id }])}</vm>`);
  expect(reply.status).toBe(409);
  expect(reply.doc.fault.detail).toContain("does not contain the VM Template");
  expect(items(await api.doc("/vms", { search: `name=${name}` }), "vms", "vm")).toHaveLength(0);
});

test("DELETE /vms/{id}?detach_only=true keeps the disks; a plain DELETE removes their images", async ({ api, domains }) => {
  const kept = await vmWithDisks(api, "detach", [domains["nfs-gold"].id, domains["local-ssd"].id]);
  const detach = await api.delete(`/vms/${kept.id}`, { detach_only: true });
  expect(detach.status, detach.text).toBe(200);
  await waitForJob(api, detach.doc);
  expect((await api.get(`/vms/${kept.id}`)).status).toBe(404);
  for (const disk of kept.disks) {
    expect((await api.doc(`/disks/${disk.id}`)).disk.status).toBe("ok");
    expect(volumeFiles(Object.values(domains).find((d) => d.id === disk.domainIds[0])!, disk.id)).toHaveLength(1);
  }

  const removed = await vmWithDisks(api, "remove", [domains["nfs-silver"].id, domains["posix-archive"].id]);
  const files = removed.disks.map((d) => imagePath(Object.values(domains).find((x) => x.id === d.domainIds[0])!, d.id, d.imageId));
  for (const f of files) expect(existsSync(f)).toBe(true);
  const deletion = await api.delete(`/vms/${removed.id}`);
  expect(deletion.status).toBe(200);
  expect(deletion.doc.action.status).toBe("pending");
  await waitForJob(api, deletion.doc);
  for (const disk of removed.disks) expect((await api.get(`/disks/${disk.id}`)).status).toBe(404);
  for (const f of files) expect(existsSync(f)).toBe(false);
});
