import { randomUUID } from "node:crypto";
import { test, expect, unique } from "./support/fixtures";
import { items } from "./support/xml";
import { vmNamed, vmWithDisks } from "./support/flows";
import { query } from "../support";

// What ovirt.ovirt's ovirt_disk, ovirt_vm and ovirt_template send and read (traced from the
// modules of ovirt.ovirt 2.4.1 with the real SDK): their searches, client-chosen disk ids, the
// disk profile every disk links to, and the sub-collections they list after a create.

test("ovirt_vm: Blank is found by name and data center, templates by cluster, and numanodes is an empty list", async ({ api }) => {
  const blank = items(await api.doc("/templates", { search: "name=Blank and datacenter=Default" }), "templates", "template");
  expect(blank).toHaveLength(1);
  expect(blank[0]).toMatchObject({ id: "00000000-0000-0000-0000-000000000000", version: { version_number: "1" } });
  expect(items(await api.doc("/templates", { search: 'name="rhel9-template" and cluster="Default"' }), "templates", "template").map((t) => t.name)).toEqual(["rhel9-template"]);
  expect(items(await api.doc("/templates", { search: "name=Blank and datacenter=Elsewhere" }), "templates", "template")).toEqual([]);
  expect(items(await api.doc("/vms", { search: 'name="db-01" and cluster="Default"' }), "vms", "vm").map((v) => v.name)).toEqual(["db-01"]);
  // oVirt's `or` (and binds tighter): alternatives, each matched on its own.
  expect(items(await api.doc("/vms", { search: "name=db-01 or name=web-01 and cluster=Default" }), "vms", "vm").map((v) => v.name).sort()).toEqual(["db-01", "web-01"]);
  expect(items(await api.doc("/vms", { search: "name=db-01 or name=web-01 and cluster=Elsewhere" }), "vms", "vm").map((v) => v.name)).toEqual(["db-01"]);

  const vm = { id: await vmNamed(api, "db-01") };
  for (const sub of ["numanodes", "nics", "cdroms", "graphicsconsoles", "watchdogs", "tags", "affinitylabels"]) {
    const reply = await api.get(`/vms/${vm.id}/${sub}`);
    expect(reply.status, `${sub}: ${reply.text}`).toBe(200);
    expect(Object.values(reply.doc)[0] ?? "").toBe("");
  }
  expect((await api.get(`/vms/${randomUUID()}/numanodes`)).status).toBe(404);
  expect((await api.get(`/vms/${vm.id}/nosuchthing`)).status).toBe(404);
});

test("ovirt_disk: searches by Storage.name and vm_names, a client-chosen id, and the disk profile it follows", async ({ api, domains }) => {
  const ssd = domains["local-ssd"];
  const id = randomUUID();
  const name = unique("ans-disk");
  const search = `name="${name}" and Storage.name="local-ssd"`;
  expect(items(await api.doc("/disks", { search }), "disks", "disk")).toEqual([]);
  const body = `<disk id="${id}"><content_type>data</content_type><format>cow</format><name>${name}</name><provisioned_size>1073741824</provisioned_size><sparse>true</sparse><storage_domains><storage_domain><name>local-ssd</name></storage_domain></storage_domains></disk>`;
  const created = await api.post("/disks", body);
  expect(created.status, created.text).toBe(201);
  expect(created.doc.disk.id).toBe(id);
  await expect.poll(async () => (await api.doc(`/disks/${id}`)).disk.status).toBe("ok");
  expect((await api.post("/disks", body)).status).toBe(409);

  expect(items(await api.doc("/disks", { search }), "disks", "disk").map((d) => d.id)).toEqual([id]);
  expect(items(await api.doc("/disks", { search: `name="${name}" and Storage.name="nfs-gold"` }), "disks", "disk")).toEqual([]);

  const disk = (await api.doc(`/disks/${id}`)).disk;
  expect(disk).toMatchObject({ storage_type: "image", content_type: "data", disk_profile: { id: expect.any(String) } });
  const profile = (await api.doc(`/diskprofiles/${disk.disk_profile.id}`)).disk_profile;
  expect(profile).toMatchObject({ name: "local-ssd", storage_domain: { id: ssd.id } });
  expect(items(await api.doc(`/storagedomains/${ssd.id}/diskprofiles`), "disk_profiles", "disk_profile").map((p) => p.id)).toEqual([disk.disk_profile.id]);
  expect((await api.get(`/diskprofiles/${randomUUID()}`)).status).toBe(404);
  expect((await api.delete(`/disks/${id}`)).status).toBe(200);
});

test("ovirt_disk on a VM: the attachment carries the whole new disk with its client-chosen id; vm_names finds it", async ({ api }) => {
  const vm = { id: await vmNamed(api, "web-02") };
  const id = randomUUID();
  const name = unique("ans-vm-disk");
  const disk = `<disk id="${id}"><content_type>data</content_type><format>cow</format><name>${name}</name><provisioned_size>1073741824</provisioned_size><sparse>true</sparse><storage_domains><storage_domain><name>local-ssd</name></storage_domain></storage_domains></disk>`;
  expect((await api.get(`/vms/${vm.id}/diskattachments/${id}`)).status).toBe(404);
  const attached = await api.post(`/vms/${vm.id}/diskattachments`, `<disk_attachment><active>true</active><interface>virtio_scsi</interface>${disk}</disk_attachment>`);
  expect(attached.status, attached.text).toBe(201);
  expect(attached.doc.disk_attachment.disk.id).toBe(id);
  await expect.poll(async () => (await api.doc(`/disks/${id}`)).disk.status).toBe("ok");
  expect((await api.doc(`/vms/${vm.id}/diskattachments/${id}`)).disk_attachment).toMatchObject({ interface: "virtio_scsi" });
  expect(items(await api.doc("/disks", { search: `name="${name}" and Storage.name="local-ssd" and vm_names="web-02"` }), "disks", "disk").map((d) => d.id)).toEqual([id]);
  expect(items(await api.doc("/disks", { search: `name="${name}" and vm_names="web-01"` }), "disks", "disk")).toEqual([]);
  expect((await api.delete(`/disks/${id}`)).status).toBe(200);
});

test("ovirt_template and ovirt_vm re-runs: the virtual hardware fields they compare are on every template and VM", async ({ api }) => {
  const template = items(await api.doc("/templates", { search: 'name="rhel9-template" and cluster="Default"' }), "templates", "template")[0];
  const vm = items(await api.doc("/vms", { search: 'name="db-01"' }), "vms", "vm")[0];
  for (const entity of [template, vm]) {
    expect(entity).toMatchObject({
      os: { type: expect.any(String) },
      bios: { type: "q35_sea_bios", boot_menu: { enabled: "false" } },
      memory_policy: { ballooning: "false", guaranteed: entity.memory, max: entity.memory },
      usb: { enabled: "false" },
      io: { threads: expect.any(String) },
      cluster: { href: expect.stringContaining("/clusters/") },
    });
  }
});

test("moving two disks of one VM with two requests, as a loop over its disks does: both are accepted and both land", async ({ api, domains }) => {
  const [gold, silver, archive] = [domains["nfs-gold"], domains["nfs-silver"], domains["posix-archive"]];
  const vm = await vmWithDisks(api, "two-moves", [gold.id, silver.id]);
  const replies = [];
  for (const disk of vm.disks) replies.push(await api.post(`/disks/${disk.id}/move`, `<action><storage_domain id="${archive.id}"/></action>`));
  for (const reply of replies) expect(reply.status, reply.text).toBe(202);
  for (const disk of vm.disks) {
    await expect.poll(async () => (await api.doc(`/disks/${disk.id}`)).disk.status).toBe("ok");
    expect((await api.doc(`/disks/${disk.id}`)).disk.storage_domains.storage_domain).toEqual([expect.objectContaining({ id: archive.id })]);
  }
});

test("PUT on a VM and a disk changes what the portal has; a running VM keeps its CPUs and memory; a disk does not change size", async ({ api, domains }) => {
  const vm = await vmWithDisks(api, "put", [domains["nfs-gold"].id]);
  const renamed = `${vm.name}-b`;
  const put = await api.put(`/vms/${vm.id}`, `<vm><name>${renamed}</name><description>edited</description><memory>${2 * 1024 ** 3}</memory><cpu><topology><sockets>2</sockets><cores>1</cores><threads>1</threads></topology></cpu></vm>`);
  expect(put.status, put.text).toBe(200);
  expect(put.doc.vm).toMatchObject({ name: renamed, description: "edited", memory: String(2 * 1024 ** 3), cpu: { topology: { sockets: "2" } } });
  expect((await api.put(`/vms/${vm.id}`, "<vm><name>db-01</name></vm>")).status).toBe(409);
  expect((await api.put(`/vms/${vm.id}`, "<vm><memory>1000</memory></vm>")).status).toBe(400);
  expect((await api.put(`/vms/${vm.id}`, "<vm><colour>red</colour></vm>")).status).toBe(400);

  const disk = vm.disks[0];
  const size = (await api.doc(`/disks/${disk.id}`)).disk.provisioned_size;
  const renamedDisk = await api.put(`/disks/${disk.id}`, `<disk><name>${renamed}-os</name><description>boot</description></disk>`);
  expect(renamedDisk.status, renamedDisk.text).toBe(200);
  expect(renamedDisk.doc.disk).toMatchObject({ name: `${renamed}-os`, description: "boot" });
  const bigger = await api.put(`/disks/${disk.id}`, `<disk><provisioned_size>${4 * 1024 ** 3}</provisioned_size></disk>`);
  expect(bigger.status).toBe(409);
  expect(bigger.doc.fault.detail).toMatch(/extending a disk is not supported yet/);
  expect((await api.doc(`/disks/${disk.id}`)).disk.provisioned_size).toBe(size);
});

test("ovirt_event_info and ovirt_user_info: the audit log newest first with from and max, users by usrname", async ({ api, domains }) => {
  const vm = await vmWithDisks(api, "events", [domains["nfs-gold"].id]);
  // As ovirt_event_info sends it.
  const newest = items(await api.doc("/events", { case_sensitive: "true", follow: "", max: "5", search: "" }), "events", "event");
  expect(newest).toHaveLength(5);
  const ids = newest.map((e) => Number(e.id));
  expect(ids).toEqual([...ids].sort((a, b) => b - a));
  const aboutVm = items(await api.doc("/events", { search: `description=*${vm.name}*` }), "events", "event");
  expect(aboutVm.some((e) => e.vm?.id === vm.id)).toBe(true);
  expect(aboutVm[0]).toMatchObject({ severity: "normal", origin: "oVirt", user: { id: expect.any(String) }, time: expect.stringMatching(/\+00:00$/) });
  const after = items(await api.doc("/events", { from: String(ids[1]) }), "events", "event").map((e) => Number(e.id));
  expect(after).toContain(ids[0]);
  expect(after.every((id) => id > ids[1])).toBe(true);
  expect((await api.doc(`/events/${ids[0]}`)).event.id).toBe(String(ids[0]));
  expect((await api.get("/events/999999999")).status).toBe(404);
  expect((await api.get("/events", { from: "soon" })).status).toBe(400);

  // As ovirt_user_info and ovirt_permission look a user up.
  const admins = items(await api.doc("/users", { search: 'usrname="admin@internal-authz"' }), "users", "user");
  expect(admins).toHaveLength(1);
  expect(admins[0]).toMatchObject({ name: "admin", user_name: "admin@internal-authz", principal: "admin", domain: { name: "internal-authz" } });
  expect(aboutVm[0].user.id).toBe(admins[0].id);
  expect(items(await api.doc("/users", { search: "usrname=admin@internal" }), "users", "user").map((u) => u.id)).toEqual([admins[0].id]);
  expect((await api.doc(`/users/${admins[0].id}`)).user.user_name).toBe("admin@internal-authz");
  expect(items(await api.doc("/users", { search: "usrname=nobody@internal-authz" }), "users", "user")).toEqual([]);
  expect((await api.get(`/users/${randomUUID()}`)).status).toBe(404);

});

test("ovirt_job: an external job and its steps, started and ended by the client, listed with the portal's jobs", async ({ api }) => {
  const description = unique("backup-run");
  const jobBody = (text: string) => `<job><auto_cleared>true</auto_cleared><description>${text}</description><external>true</external><status>started</status></job>`;
  const stepBody = (jobId: string, text: string) => `<step><description>${text}</description><type>unknown</type><job id="${jobId}"/><status>started</status><external>true</external></step>`;
  const created = await api.post("/jobs", jobBody(description));
  expect(created.status, created.text).toBe(201);
  const job = created.doc.job;
  let open = "";
  try {
    expect(job).toMatchObject({ description, status: "started", external: "true" });
    // As the module finds it again: among all jobs, by its description.
    expect(items(await api.doc("/jobs"), "jobs", "job").filter((j) => j.description === description).map((j) => j.id)).toEqual([job.id]);
    const step = await api.post(`/jobs/${job.id}/steps`, stepBody(job.id, "copy files"));
    expect(step.status, step.text).toBe(201);
    expect(step.doc.step).toMatchObject({ description: "copy files", status: "started", external: "true", type: "unknown", number: "1" });
    const ended = `/jobs/${job.id}/steps/${step.doc.step.id}/end`;
    expect((await api.post(ended, "<action><succeeded>true</succeeded></action>")).status).toBe(200);
    expect((await api.doc(`/jobs/${job.id}/steps/${step.doc.step.id}`)).step.status).toBe("finished");
    expect((await api.post(ended, "<action><succeeded>true</succeeded></action>")).status).toBe(409);
    open = (await api.post(`/jobs/${job.id}/steps`, stepBody(job.id, "verify"))).doc.step.id;
    expect(items(await api.doc(`/jobs/${job.id}/steps`), "steps", "step").map((s) => s.description)).toEqual(["copy files", "verify"]);
  } finally {
    expect((await api.post(`/jobs/${job.id}/end`, "<action><force>true</force><succeeded>true</succeeded></action>")).status).toBe(200);
  }
  expect((await api.doc(`/jobs/${job.id}`)).job).toMatchObject({ status: "finished", external: "true", end_time: expect.any(String) });
  expect((await api.doc(`/jobs/${job.id}/steps/${open}`)).step.status).toBe("finished"); // the open step ended with it
  expect((await api.post(`/jobs/${job.id}/end`, "<action><succeeded>true</succeeded></action>")).status).toBe(409);
  expect((await api.post(`/jobs/${job.id}/steps`, stepBody(job.id, "late"))).status).toBe(409);

  const failing = (await api.post("/jobs", jobBody(unique("failing-run")))).doc.job.id;
  expect((await api.post(`/jobs/${failing}/end`, "<action><succeeded>false</succeeded></action>")).status).toBe(200);
  expect((await api.doc(`/jobs/${failing}`)).job.status).toBe("failed");

  // Only external jobs are added, and each needs a description; nothing is made otherwise.
  const jobCount = async () => (await query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM "Job"`))[0].n;
  const before = await jobCount();
  expect((await api.post("/jobs", jobBody(unique("x")).replace("<external>true</external>", "<external>false</external>"))).status).toBe(400);
  expect((await api.post("/jobs", "<job><external>true</external></job>")).status).toBe(400);
  expect(await jobCount()).toBe(before);
});
