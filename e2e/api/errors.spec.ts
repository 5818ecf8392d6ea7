import { randomUUID } from "node:crypto";
import { test, expect, unique } from "./support/fixtures";
import { API, basicAuth } from "./support/api-client";
import { diskXml } from "./support/bodies";
import { templateNamed, vmNamed } from "./support/flows";
import { items } from "./support/xml";

// Every error class as oVirt answers it: a <fault> with reason and [detail], the right status,
// application/xml, and nothing changed by a refused request.

const TiB = 1024 ** 4;

test("malformed or invalid bodies are 400 faults and change nothing", async ({ api, request, domains }) => {
  const gold = domains["nfs-gold"].id;
  const vmCount = async () => items(await api.doc("/vms"), "vms", "vm").length;
  const diskCount = async () => items(await api.doc("/disks"), "disks", "disk").length;
  const [vmsBefore, disksBefore] = [await vmCount(), await diskCount()];
  const disk = (size: string, extra = "") => `<disk><name>${unique("bad")}</name><provisioned_size>${size}</provisioned_size>${extra}<storage_domains><storage_domain id="${gold}"/></storage_domains></disk>`;

  const cases: [string, string, string, RegExp][] = [
    ["/vms", `<vm><name>${unique("x")}</vm>`, "malformed XML", /Malformed XML/],
    ["/vms", `<vm><name>${unique("x")}</name><flavour>big</flavour></vm>`, "unknown element", /Unrecognized key/],
    ["/vms", `<vm><name>${unique("x")}</name><memory>lots</memory></vm>`, "wrong type", /memory: must be a whole number/],
    ["/vms", `<vm><name>${unique("x")}</name><memory>1000</memory></vm>`, "memory not in MiB", /whole number of MiB/],
    ["/vms", `<vm><name>not a valid name!</name></vm>`, "invalid name", /letters, digits/],
    ["/vms", `<template><name>${unique("x")}</name></template>`, "wrong root element", /expected root element <vm>/],
    ["/vms", `<!DOCTYPE vm [<!ENTITY x "y">]><vm><name>&x;</name></vm>`, "DTD", /document type/],
    ["/disks", disk("99999999999999999999"), "absurd size", /provisioned_size: is too large/],
    ["/disks", disk(String(100 * TiB)), "over the size limit", /at most 64 TiB/],
    ["/disks", disk("-5"), "negative size", /provisioned_size: must be a whole number/],
    ["/disks", disk(String(1024 ** 3), "<sparse>maybe</sparse>"), "bad boolean", /sparse: must be true or false/],
    ["/disks", `<disk><name>${unique("x")}</name><provisioned_size>1073741824</provisioned_size></disk>`, "no storage domain", /storage_domains: name the storage domain/],
    ["/disks", `<disk><name>${unique("x")}</name><storage_domains><storage_domain id="${gold}"/></storage_domains></disk>`, "no size", /provisioned_size: the size of a new disk is required/],
  ];
  for (const [path, body, what, detail] of cases) {
    const reply = await api.post(path, body);
    expect(reply.status, `${what}: ${reply.text}`).toBe(400);
    expect(reply.doc.fault.reason).toBe("Operation Failed");
    expect(reply.doc.fault.detail, what).toMatch(detail);
  }

  const json = await request.post(`${API}/vms`, { headers: { Authorization: basicAuth, "Content-Type": "application/json", Accept: "application/json" }, data: '{"name": ' });
  expect(json.status()).toBe(400);
  expect(json.headers()["content-type"]).toBe("application/json");
  expect((await json.json()).detail).toContain("Malformed JSON");

  expect((await api.get("/vms", { max: "many" })).status).toBe(400);
  expect((await api.get("/vms", { search: "memory>1" })).status).toBe(400);
  expect((await api.post("/vms", `<vm><name>${unique("x")}</name></vm>`, { clone: "perhaps" })).status).toBe(400);
  expect((await api.get("/", undefined)).status).toBe(200);
  const v3 = await request.get(`${API}/`, { headers: { Authorization: basicAuth, Version: "3" } });
  expect(v3.status()).toBe(400);

  expect(await vmCount()).toBe(vmsBefore);
  expect(await diskCount()).toBe(disksBefore);
});

test("a JSON body works like the XML one", async ({ request, domains }) => {
  const name = unique("json");
  const response = await request.post(`${API}/disks`, {
    headers: { Authorization: basicAuth, "Content-Type": "application/json", Accept: "application/json" },
    data: { name, provisioned_size: 1024 ** 3, format: "cow", sparse: true, storage_domains: { storage_domain: [{ id: domains["local-ssd"].id }] } },
  });
  expect(response.status()).toBe(201);
  expect(response.headers()["content-type"]).toBe("application/json");
  expect(await response.json()).toMatchObject({ name, provisioned_size: String(1024 ** 3), storage_domains: { storage_domain: [{ id: domains["local-ssd"].id }] } });
});

test("conflicts are 409 faults: a taken name, a domain in maintenance, a template disk moved", async ({ api, domains }) => {
  const taken = await api.post("/vms", "<vm><name>web-01</name></vm>");
  expect(taken.status).toBe(409);
  expect(taken.doc.fault.detail).toBe("[The name web-01 is already used by another VM.]");

  const dataCenter = items(await api.doc("/datacenters"), "data_centers", "data_center")[0].id;
  const archive = domains["posix-archive"];
  const scoped = `/datacenters/${dataCenter}/storagedomains/${archive.id}`;
  expect((await api.post(`${scoped}/deactivate`, "<action/>")).status).toBe(200);
  try {
    expect((await api.doc(scoped)).storage_domain.status).toBe("maintenance");
    const refused = await api.post("/disks", diskXml({ name: unique("maint"), domainId: archive.id }));
    expect(refused.status).toBe(409);
    expect(refused.doc.fault.detail).toContain("posix-archive is in maintenance");
  } finally {
    expect((await api.post(`${scoped}/activate`, "<action/>")).status).toBe(200);
  }
  expect((await api.doc(`/storagedomains/${archive.id}`)).storage_domain.status).toBe("active");

  const template = await templateNamed(api, "rhel9-template");
  const move = await api.post(`/disks/${template.disks[0].id}/move`, `<action><storage_domain id="${domains["local-ssd"].id}"/></action>`);
  expect(move.status).toBe(409);
  expect(move.doc.fault.detail).toContain("belongs to a template");
});

test("unknown ids inside requests are 404 faults", async ({ api, domains }) => {
  const vmId = await vmNamed(api, "db-01");
  const unknown = randomUUID();
  const moveToNowhere = await api.post(`/disks/${(await api.doc(`/vms/${vmId}/diskattachments`)).disk_attachments.disk_attachment[0].id}/move`, `<action><storage_domain id="${unknown}"/></action>`);
  expect(moveToNowhere.status).toBe(404);
  expect(moveToNowhere.doc.fault.detail).toContain(`Storage Domain ${unknown} doesn't exist`);
  expect((await api.post("/vms", `<vm><name>${unique("x")}</name><template id="${unknown}"/></vm>`)).status).toBe(404);
  expect((await api.post("/vms", `<vm><name>${unique("x")}</name><cluster><name>Nowhere</name></cluster></vm>`)).status).toBe(404);
  expect((await api.post(`/storagedomains/${domains.export.id}/vms/${unknown}/import`, `<action><storage_domain id="${domains["nfs-gold"].id}"/></action>`)).status).toBe(404);
  expect((await api.delete(`/templates/${unknown}`)).status).toBe(404);
});

test("VM power actions drive the runtime: 409 when the VM is not in a state for them, 404 for an unknown VM", async ({ api }) => {
  const vmId = await vmNamed(api, "web-02");
  for (const verb of ["stop", "shutdown", "suspend"]) {
    const reply = await api.post(`/vms/${vmId}/${verb}`, "<action/>");
    expect(reply.status, verb).toBe(409);
    expect(reply.doc.fault.detail, verb).toMatch(/is down/);
    expect((await api.post(`/vms/${randomUUID()}/${verb}`, "<action/>")).status).toBe(404);
  }
  expect((await api.post(`/vms/${randomUUID()}/start`, "<action/>")).status).toBe(404);
  // start, then stop: the VM really runs in between.
  expect((await api.post(`/vms/${vmId}/start`, "<action/>")).status).toBeLessThan(300);
  expect((await api.doc(`/vms/${vmId}`)).vm.status).toBe("up");
  expect((await api.post(`/vms/${vmId}/stop`, "<action/>")).status).toBeLessThan(300);
  expect((await api.doc(`/vms/${vmId}`)).vm.status).toBe("down");
});

test("hardening: bodies that are not XML or JSON are 415, deep JSON and oversized chunked bodies 400, conflicting references 400, concurrent same-name creates 409, never 500", async ({ api, request, domains }) => {
  const vmCount = async () => items(await api.doc("/vms"), "vms", "vm").length;
  const before = await vmCount();
  const vmXml = `<vm><name>${unique("ct")}</name></vm>`;
  for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream"]) {
    const reply = await request.post(`${API}/vms`, { headers: { Authorization: basicAuth, "Content-Type": type, Accept: "application/xml" }, data: vmXml });
    expect(reply.status(), type).toBe(415);
    expect(await reply.text()).toContain("<fault>");
  }

  let deep = '"x"';
  for (let i = 0; i < 3000; i++) deep = `{"a":${deep}}`;
  const nested = await request.post(`${API}/vms`, { headers: { Authorization: basicAuth, "Content-Type": "application/json", Accept: "application/json" }, data: deep });
  expect(nested.status()).toBe(400);
  expect((await nested.json()).detail).toContain("nested deeper");

  const chunks = (async function* () {
    for (let i = 0; i < 64; i++) yield Buffer.alloc(1024 * 1024, 0x20);
  })();
  const huge = await fetch(new URL(`${API}/vms`, test.info().project.use.baseURL).href, { method: "POST", headers: { Authorization: basicAuth, "Content-Type": "application/xml" }, body: chunks as unknown as BodyInit, duplex: "half" } as RequestInit);
  expect(huge.status).toBe(400);
  expect(await huge.text()).toContain("larger than 256 KiB");

  const gold = domains["nfs-gold"];
  const conflicting = await api.post("/disks", `<disk><name>${unique("ref")}</name><provisioned_size>1073741824</provisioned_size><storage_domains><storage_domain id="${gold.id}"><name>nfs-silver</name></storage_domain></storage_domains></disk>`);
  expect(conflicting.status, conflicting.text).toBe(400);
  expect(conflicting.doc.fault.detail).toMatch(/another Storage Domain or none/);

  const name = unique("same");
  const replies = await Promise.all(Array.from({ length: 12 }, () => api.post("/vms", `<vm><name>${name}</name><template><name>Blank</name></template></vm>`)));
  const statuses = replies.map((r) => r.status);
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
  expect(await vmCount()).toBe(before + 1);
});
