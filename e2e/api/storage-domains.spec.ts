import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { test, expect, unique } from "./support/fixtures";
import { items } from "./support/xml";
import { dataDir } from "../support";

// The storage domain lifecycle as ovirt_storage_domain and the SDK drive it: add (unattached),
// attach to the data center, update, deactivate, detach, remove with format, import an existing
// domain from its path; refusals as faults that change nothing; a domain that is not mounted.

const dataCenterId = async (api: Parameters<Parameters<typeof test>[2]>[0]["api"]) => items(await api.doc("/datacenters"), "data_centers", "data_center")[0].id as string;

function freshDir(name: string) {
  const dir = path.join(dataDir, "api-domains", name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const addBody = (name: string, dir: string, extra = "") =>
  `<storage_domain><name>${name}</name><type>data</type><host><name>myhost</name></host><storage><type>localfs</type><path>${dir}</path></storage>${extra}</storage_domain>`;

test("add, attach, update, deactivate, detach, remove with format; then import from the path", async ({ api }) => {
  const dc = await dataCenterId(api);
  const name = unique("api-sd");
  const dir = freshDir(name);

  const added = await api.post("/storagedomains", addBody(name, dir, "<warning_low_space_indicator>15</warning_low_space_indicator><critical_space_action_blocker>0</critical_space_action_blocker>"));
  expect(added.status, added.text).toBe(201);
  const id = added.doc.storage_domain.id as string;
  expect(added.doc.storage_domain).toMatchObject({ name, status: "unattached", storage: { type: "localfs", path: dir }, warning_low_space_indicator: "15" });
  expect(readdirSync(path.join(dir, id, "dom_md"))).toContain("metadata");

  const attached = await api.post(`/datacenters/${dc}/storagedomains`, `<storage_domain id="${id}"/>`);
  expect(attached.status, attached.text).toBe(201);
  expect(attached.doc.storage_domain.status).toBe("active");
  expect((await api.post(`/datacenters/${dc}/storagedomains`, `<storage_domain id="${id}"/>`)).status).toBe(409);

  const renamed = `${name}-b`;
  const updated = await api.put(`/storagedomains/${id}`, `<storage_domain><name>${renamed}</name><critical_space_action_blocker>1</critical_space_action_blocker></storage_domain>`);
  expect(updated.status, updated.text).toBe(200);
  expect(updated.doc.storage_domain).toMatchObject({ name: renamed, critical_space_action_blocker: "1" });
  // ovirt_storage_domain's update, as it sends it: the type and an empty <host/> come along.
  const moduleBody = (type: string) =>
    `<storage_domain><description>updated by ansible</description><name>${renamed}</name><type>${type}</type><warning_low_space_indicator>20</warning_low_space_indicator><host/></storage_domain>`;
  const byModule = await api.put(`/storagedomains/${id}`, moduleBody("data"));
  expect(byModule.status, byModule.text).toBe(200);
  expect(byModule.doc.storage_domain).toMatchObject({ description: "updated by ansible", warning_low_space_indicator: "20" });
  const retyped = await api.put(`/storagedomains/${id}`, moduleBody("export").replace("updated by ansible", "not applied"));
  expect(retyped.status, retyped.text).toBe(409);
  expect(retyped.doc.fault.detail).toMatch(/type cannot change/);
  expect((await api.doc(`/storagedomains/${id}`)).storage_domain).toMatchObject({ type: "data", description: "updated by ansible" });

  const early = await api.delete(`/datacenters/${dc}/storagedomains/${id}`);
  expect(early.status).toBe(409);
  expect(early.doc.fault.detail).toMatch(/maintenance first/);
  expect((await api.delete(`/storagedomains/${id}`)).status).toBe(409);

  expect((await api.post(`/datacenters/${dc}/storagedomains/${id}/deactivate`, "<action/>")).status).toBe(200);
  expect((await api.delete(`/datacenters/${dc}/storagedomains/${id}`)).status).toBe(200);
  expect((await api.doc(`/storagedomains/${id}`)).storage_domain.status).toBe("unattached");
  expect((await api.delete(`/storagedomains/${id}`)).status).toBe(200);
  expect((await api.get(`/storagedomains/${id}`)).status).toBe(404);
  expect(existsSync(path.join(dir, id, "dom_md", "metadata"))).toBe(true);

  // The files stayed: the domain comes back with its own id and name from its metadata.
  const imported = await api.post("/storagedomains", `<storage_domain><import>true</import><host><name>myhost</name></host><storage><type>localfs</type><path>${dir}</path></storage></storage_domain>`);
  expect(imported.status, imported.text).toBe(201);
  expect(imported.doc.storage_domain).toMatchObject({ id, name, status: "unattached" });
  expect((await api.post(`/datacenters/${dc}/storagedomains`, `<storage_domain><name>${name}</name></storage_domain>`)).status).toBe(201);
  await api.post(`/datacenters/${dc}/storagedomains/${id}/deactivate`, "<action/>");
  expect((await api.delete(`/datacenters/${dc}/storagedomains/${id}`)).status).toBe(200);
  expect((await api.delete(`/storagedomains/${id}`, { format: true })).status).toBe(200);
  expect(existsSync(path.join(dir, id))).toBe(false);
});

test("bad storage domain requests are 4xx faults and add nothing", async ({ api }) => {
  const count = async () => items(await api.doc("/storagedomains"), "storage_domains", "storage_domain").length;
  const before = await count();
  const missing = path.join(dataDir, "api-domains", unique("missing"));
  const busy = freshDir(unique("busy"));
  mkdirSync(path.join(busy, "someone-else"));
  const cases: [string, number, RegExp][] = [
    [addBody(unique("x"), missing), 400, /does not exist/],
    [addBody(unique("x"), busy), 400, /not empty/],
    [addBody(unique("x"), freshDir(unique("relative"))).replace("<path>", "<path>relative/"), 400, /absolute/],
    [`<storage_domain><name>${unique("x")}</name><storage><type>iscsi</type><path>/x</path></storage></storage_domain>`, 400, /iscsi is not supported/],
    [`<storage_domain><name>${unique("x")}</name><storage><type>nfs</type><path>${freshDir(unique("nfs"))}</path></storage></storage_domain>`, 400, /not a mount point/],
    [`<storage_domain><import>true</import><storage><type>localfs</type><path>${freshDir(unique("empty"))}</path></storage></storage_domain>`, 400, /no storage domain metadata/],
    [`<storage_domain><name>${unique("x")}</name><colour>red</colour><storage><type>localfs</type><path>/x</path></storage></storage_domain>`, 400, /Unrecognized key/],
  ];
  for (const [body, status, detail] of cases) {
    const reply = await api.post("/storagedomains", body);
    expect(reply.status, reply.text).toBe(status);
    expect(reply.doc.fault.detail).toMatch(detail);
  }
  expect(await count()).toBe(before);
});

test("a move onto an unmounted domain is a 409 naming it; the domain is inactive until it is mounted again", async ({ api, domains }) => {
  const target = domains["posix-archive"];
  const image = path.join(dataDir, "loop", "posix-archive.img");
  test.skip(!existsSync(image), "demo domains are plain directories here (no loop devices)");
  const disk = await api.post("/disks", `<disk><name>${unique("lsm")}</name><provisioned_size>1073741824</provisioned_size><storage_domains><storage_domain id="${domains["local-ssd"].id}"/></storage_domains></disk>`);
  expect(disk.status).toBe(201);
  const diskId = disk.doc.disk.id as string;
  await expect.poll(async () => (await api.doc(`/disks/${diskId}`)).disk.status).toBe("ok");

  execFileSync("umount", ["-l", target.path]);
  try {
    const reply = await api.post(`/disks/${diskId}/move`, `<action><storage_domain id="${target.id}"/></action>`);
    expect(reply.status, reply.text).toBe(409);
    expect(reply.doc.fault.detail).toMatch(/posix-archive (is not usable: not mounted|is inactive)/);
    expect(readdirSync(target.path)).toEqual([]);
    expect((await api.doc(`/storagedomains/${target.id}`)).storage_domain.status).toBe("inactive");
    expect((await api.doc(`/disks/${diskId}`)).disk).toMatchObject({ status: "ok", storage_domains: { storage_domain: [expect.objectContaining({ id: domains["local-ssd"].id })] } });
  } finally {
    execFileSync("mount", ["-o", "loop", image, target.path]);
  }
  // The monitor (1 s in the test server) takes it back.
  await expect.poll(async () => (await api.doc(`/storagedomains/${target.id}`)).storage_domain.status, { timeout: 15_000 }).toBe("active");
  expect((await api.delete(`/disks/${diskId}`)).status).toBeLessThan(300);
});

test("the requests ovirt_storage_domain sends, in its order, with the fields it reads", async ({ api }) => {
  const name = unique("ansible-sd");
  const dir = freshDir(name);
  const quoted = (value: string) => `name="${value}"`;
  expect(items(await api.doc("/storagedomains", { search: quoted(name) }), "storage_domains", "storage_domain")).toEqual([]);
  const [host] = items(await api.doc("/hosts", { search: 'status="up"' }), "hosts", "host");
  expect(host).toMatchObject({ status: "up", name: expect.any(String), id: expect.any(String) });
  const [dc] = items(await api.doc("/datacenters", { search: quoted("Default") }), "data_centers", "data_center");
  expect(dc).toMatchObject({ name: "Default", status: "up" });

  // Without a host in the play, the module sends an empty <host/>: the portal is the one host.
  const added = await api.post("/storagedomains", `<storage_domain><name>${name}</name><storage><path>${dir}</path><type>localfs</type></storage><type>data</type><host/></storage_domain>`);
  expect(added.status, added.text).toBe(201);
  const id = added.doc.storage_domain.id as string;
  expect((await api.get(`/datacenters/${dc.id}/storagedomains/${id}`)).status).toBe(404); // not attached yet
  expect((await api.post(`/datacenters/${dc.id}/storagedomains`, `<storage_domain id="${id}"/>`)).status).toBe(201);
  expect((await api.doc(`/datacenters/${dc.id}/storagedomains/${id}`)).storage_domain.status).toBe("active");
  expect(items(await api.doc(`/datacenters/${dc.id}/storagedomains`), "storage_domains", "storage_domain").map((d) => d.name)).toContain(name);
  expect(items(await api.doc("/datacenters", { search: `storage="${name}"` }), "data_centers", "data_center").map((d) => d.id)).toEqual([dc.id]);

  // state: maintenance, then absent with format: true
  expect((await api.post(`/datacenters/${dc.id}/storagedomains/${id}/deactivate`, "<action/>")).status).toBe(200);
  expect((await api.doc(`/datacenters/${dc.id}/storagedomains/${id}`)).storage_domain.status).toBe("maintenance");
  expect((await api.delete(`/datacenters/${dc.id}/storagedomains/${id}`)).status).toBe(200);
  expect((await api.get(`/datacenters/${dc.id}/storagedomains/${id}`)).status).toBe(404);
  const removed = await api.delete(`/storagedomains/${id}`, { format: true, host: host.name });
  expect(removed.status, removed.text).toBe(200);
  expect((await api.get(`/storagedomains/${id}`)).status).toBe(404);
  expect(readdirSync(dir)).toEqual([]);
});
