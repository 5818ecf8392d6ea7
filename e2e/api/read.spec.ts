import { randomUUID } from "node:crypto";
import { test, expect } from "./support/fixtures";
import { API, basicAuth } from "./support/api-client";
import { items, type Doc } from "./support/xml";
import { vmNamed } from "./support/flows";

// Reading: the <api> root, every collection under oVirt's element names, search, max, follow,
// JSON, and 404 faults for unknown ids.

const names = (list: Doc[]) => list.map((i) => i.name).sort();

test("GET /ovirt-engine/api returns the <api> root with a link to every collection", async ({ api }) => {
  const reply = await api.get("/");
  expect(reply.status).toBe(200);
  const rels = reply.doc.api.link.map((l: Doc) => l.rel);
  expect(rels).toEqual(expect.arrayContaining(["vms", "disks", "templates", "storagedomains", "jobs", "clusters", "datacenters"]));
  expect(reply.doc.api.special_objects.blank_template.id).toBe("00000000-0000-0000-0000-000000000000");
});

test("collections list the demo data under oVirt's element names, with ids and hrefs as attributes", async ({ api }) => {
  const domains = items(await api.doc("/storagedomains"), "storage_domains", "storage_domain");
  expect(names(domains)).toEqual(expect.arrayContaining(["export", "local-ssd", "nfs-gold", "nfs-silver", "posix-archive"]));
  const gold = domains.find((d) => d.name === "nfs-gold")!;
  expect(gold).toMatchObject({ type: "data", status: "active", href: `${API}/storagedomains/${gold.id}`, storage: { type: expect.stringMatching(/^(posixfs|localfs)$/) } }); // posixfs on its own loop mount, localfs where loop devices are missing
  expect(Number(gold.available)).toBeGreaterThan(0);
  expect(gold.link.map((l: Doc) => l.rel)).toEqual(["disks", "disksnapshots", "vms", "templates"]);
  expect(domains.find((d) => d.name === "export")!.type).toBe("export");

  const vms = items(await api.doc("/vms"), "vms", "vm");
  expect(names(vms)).toEqual(expect.arrayContaining(["build-01", "db-01", "web-01", "web-02"]));
  const db01 = vms.find((v) => v.name === "db-01")!;
  expect(db01).toMatchObject({ status: "down", memory: String(8192 * 1024 ** 2), cpu: { topology: { sockets: "4" } } });
  expect(db01.link.map((l: Doc) => l.rel)).toEqual(["diskattachments", "snapshots"]);

  const templates = items(await api.doc("/templates"), "templates", "template");
  expect(names(templates)).toEqual(expect.arrayContaining(["Blank", "debian12-template", "rhel9-template"]));

  const attachments = items(await api.doc(`/vms/${db01.id}/diskattachments`), "disk_attachments", "disk_attachment");
  expect(attachments).toHaveLength(3);
  expect(attachments[0]).toMatchObject({ id: attachments[0].disk.id, bootable: "true", active: "true", vm: { id: db01.id } });

  const disk = (await api.doc(`/disks/${attachments[0].disk.id}`)).disk;
  expect(disk).toMatchObject({ status: "ok", format: expect.stringMatching(/^(cow|raw)$/), sparse: "true", storage_type: "image" });
  expect(items(disk, "storage_domains", "storage_domain")).toHaveLength(1);

  const dataCenters = items(await api.doc("/datacenters"), "data_centers", "data_center");
  expect(names(dataCenters)).toEqual(["Default"]);
  expect(names(items(await api.doc("/clusters"), "clusters", "cluster"))).toEqual(["Default"]);
  expect(names(items(await api.doc(`/datacenters/${dataCenters[0].id}/storagedomains`), "storage_domains", "storage_domain"))).toContain("nfs-gold");
  expect(items(await api.doc("/jobs", { max: 5 }), "jobs", "job").length).toBeGreaterThan(0);
});

test("search matches names with * wildcards, case-insensitively, and max limits the list", async ({ api }) => {
  expect(names(items(await api.doc("/vms", { search: "name=web-*" }), "vms", "vm"))).toEqual(["web-01", "web-02"]);
  expect(names(items(await api.doc("/vms", { search: "name=WEB-0*" }), "vms", "vm"))).toEqual(["web-01", "web-02"]);
  expect(names(items(await api.doc("/vms", { search: "name=*-01 and status=down" }), "vms", "vm"))).toEqual(expect.arrayContaining(["build-01", "db-01", "web-01"]));
  expect(items(await api.doc("/vms", { search: "name=web-*", max: 1 }), "vms", "vm")).toHaveLength(1);
  expect(names(items(await api.doc("/templates", { search: "name=rhel9*" }), "templates", "template"))).toEqual(["rhel9-template"]);
  const onGold = items(await api.doc("/disks", { search: "storage=nfs-gold and name=db-01*" }), "disks", "disk");
  expect(names(onGold)).toEqual(["db-01-os"]);
  expect(names(items(await api.doc("/storagedomains", { search: "type=export" }), "storage_domains", "storage_domain"))).toEqual(["export"]);
});

test("oVirt's `page N` search pages through a collection of `max` items, and a whole collection streams in both formats", async ({ api, request }) => {
  const all = names(items(await api.doc("/disks"), "disks", "disk"));
  expect(all.length).toBeGreaterThan(6);
  const pages = [];
  for (const page of [1, 2, 3]) pages.push(...names(items(await api.doc("/disks", { search: `page ${page}`, max: 2 }), "disks", "disk")));
  expect(pages).toEqual(all.slice(0, 6));
  expect(names(items(await api.doc("/vms", { search: "name=*-01 page 2", max: 1 }), "vms", "vm"))).toEqual([names(items(await api.doc("/vms", { search: "name=*-01" }), "vms", "vm"))[1]]);
  expect(items(await api.doc("/disks", { search: "page 2" }), "disks", "disk")).toEqual([]); // without max, page 1 holds everything
  const bad = await request.get(`${API}/disks`, { headers: { Authorization: basicAuth }, params: { search: "page zero" } });
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toMatch(/<fault>.*Invalid page &apos;zero&apos;/s);

  const json = await request.get(`${API}/disks`, { headers: { Accept: "application/json", Authorization: basicAuth } });
  expect(json.headers()["content-type"]).toBe("application/json");
  expect(((await json.json()).disk as { alias: string }[]).map((d) => d.alias)).toEqual(all);
  const none = await request.get(`${API}/disks`, { headers: { Accept: "application/json", Authorization: basicAuth }, params: { search: "name=no-such-disk" } });
  expect(await none.json()).toEqual({ disk: [] });
});

test("follow inlines disk attachments with their disks, and job steps", async ({ api }) => {
  const vm = (await api.doc(`/vms/${await vmNamed(api, "db-01")}`, { follow: "disk_attachments.disk" })).vm;
  const aliases = items(vm, "disk_attachments", "disk_attachment").map((a: Doc) => a.disk.alias).sort();
  expect(aliases).toEqual(["db-01-app", "db-01-data", "db-01-os"]);
  const job = items(await api.doc("/jobs", { max: 1, follow: "steps" }), "jobs", "job")[0];
  expect(items(job, "steps", "step").length).toBeGreaterThan(0);
  expect((await api.get("/vms", { follow: "permissions" })).status).toBe(400);
});

test("storage domains list the disks, VMs and templates they hold", async ({ api, domains }) => {
  const gold = domains["nfs-gold"].id;
  expect(names(items(await api.doc(`/storagedomains/${gold}/vms`), "vms", "vm"))).toEqual(expect.arrayContaining(["db-01", "web-01"]));
  expect(names(items(await api.doc(`/storagedomains/${gold}/templates`), "templates", "template"))).toEqual(expect.arrayContaining(["rhel9-template", "debian12-template"]));
  expect(names(items(await api.doc(`/storagedomains/${gold}/disks`), "disks", "disk"))).toEqual(expect.arrayContaining(["db-01-os", "rhel9-tpl-os"]));
});

test("JSON replies when the client asks for application/json: oVirt's shape, every value a string", async ({ request }) => {
  const response = await request.get(`${API}/vms`, { headers: { Accept: "application/json", Authorization: basicAuth }, params: { search: "name=db-01" } });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/json");
  const body = await response.json();
  expect(body.vm).toHaveLength(1);
  expect(body.vm[0]).toMatchObject({ name: "db-01", status: "down", memory: String(8192 * 1024 ** 2), cluster: { id: expect.any(String), href: expect.stringContaining("/clusters/") } });
});

test("unknown ids are 404 faults on every kind of resource", async ({ api }) => {
  const unknown = randomUUID();
  const db01 = await vmNamed(api, "db-01");
  for (const path of [
    `/vms/${unknown}`,
    `/disks/${unknown}`,
    `/templates/${unknown}`,
    `/storagedomains/${unknown}`,
    `/jobs/${unknown}`,
    `/jobs/${unknown}/steps`,
    `/clusters/${unknown}`,
    `/datacenters/${unknown}`,
    `/vms/${unknown}/diskattachments`,
    `/vms/${db01}/diskattachments/${unknown}`,
    `/vms/${db01}/snapshots/${unknown}`,
    `/storagedomains/${unknown}/disks`,
    `/vms/..%2F..%2Fetc`,
    "/no/such/collection",
  ]) {
    const reply = await api.get(path);
    expect(reply.status, path).toBe(404);
    expect(reply.doc.fault.reason).toBe("Not Found");
    expect(reply.doc.fault.detail).toMatch(/^\[.+\]$/);
  }
});
