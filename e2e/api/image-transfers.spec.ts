import { execFileSync } from "node:child_process";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { test, expect, settle, unique, waitForJobs, GiB } from "./support/fixtures";
import { vmWithDisks } from "./support/flows";
import { items } from "./support/xml";
import type { Api } from "./support/api-client";
import { imagePath, qemuInfo } from "./support/storage";
import type { Doc } from "./support/xml";
import { downloadOntoBacking, downloadTo, uploadGuestData, type Send } from "../../tests/support/imageio-client";

// Image transfers as the oVirt SDK's upload and download examples and Ansible's ovirt_disk
// (upload_image_path / download_image_path) drive them, request for request: create the disk,
// POST /imagetransfers with format raw, poll until transferring, move the data to transfer_url
// over TLS (verified with the CA from pki-resource), finalize, poll until finished_success.

const MiB = 1024 ** 2;
let work: string;

test.beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "multistore-transfer-"));
});
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * The imageio endpoint over TLS, as ovirt-imageio's client reaches transfer_url with ca_file; or,
 * with `socketPath`, through the Unix socket OPTIONS names, as that client does on the same host.
 */
function tlsEndpoint(url: string, ca: string, socketPath?: string): Send {
  return (method, suffix, init = {}) =>
    new Promise((resolve, reject) => {
      const target = new URL(`${url}${suffix}`);
      const headers = { ...init.headers, ...(init.body ? { "Content-Length": String(Buffer.byteLength(init.body as Uint8Array | string)) } : {}) };
      const onReply = (res: import("node:http").IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("end", () => resolve(new Response(res.statusCode === 204 ? null : Buffer.concat(chunks), { status: res.statusCode, headers: res.headers as Record<string, string> })));
      };
      const req = socketPath ? httpRequest({ socketPath, path: `${target.pathname}${target.search}`, method, headers }, onReply) : httpsRequest(target, { method, ca, headers }, onReply);
      req.on("error", reject);
      req.end(init.body as Uint8Array | string | undefined);
    });
}

/** Starts reading the whole image over TLS and drops the connection once the first bytes came. */
function hangUpAfterFirstBytes(url: string, ca: string) {
  return new Promise<void>((resolve, reject) => {
    const req = httpsRequest(new URL(url), { method: "GET", ca }, (res) => {
      expect(res.statusCode).toBe(200);
      res.once("data", () => {
        req.destroy();
        resolve();
      });
    });
    req.on("error", (error) => (req.destroyed ? undefined : reject(error)));
    req.end();
  });
}

/** The same protocol on the portal's own origin (/images/{ticket}, what the browser uses), plain fetch. */
function portalEndpoint(baseURL: string, transfer: Doc): Send {
  const url = `${baseURL}/images/${transfer.transfer_url.split("/").pop()}`;
  return (method, suffix, init = {}) => fetch(`${url}${suffix}`, { method, headers: init.headers, body: init.body as BodyInit | undefined });
}

async function startTransfer(api: Api, diskId: string, direction: "upload" | "download") {
  const started = await api.post("/imagetransfers", `<image_transfer><disk id="${diskId}"/><direction>${direction}</direction><format>raw</format><timeout_policy>legacy</timeout_policy></image_transfer>`);
  expect(started.status, started.text).toBe(201);
  expect(started.doc.image_transfer).toMatchObject({ direction, format: "raw", timeout_policy: "legacy", disk: { id: diskId } });
  const transfer = await settle(api, `/imagetransfers/${started.doc.image_transfer.id}`, "image_transfer", ["initializing"], "phase");
  expect(transfer.phase).toBe("transferring");
  // Ansible reads the transfer's host and fetches it.
  expect((await api.get(`/hosts/${transfer.host.id}`)).status).toBe(200);
  return transfer;
}

async function finalize(api: Api, transferId: string) {
  const done = await api.post(`/imagetransfers/${transferId}/finalize`, "<action/>");
  expect(done.status, done.text).toBe(200);
  return settle(api, `/imagetransfers/${transferId}`, "image_transfer", ["transferring", "finalizing_success"], "phase");
}

test("upload a 256 MiB qcow2 into a new disk over TLS, then download it, reading only its data extents", async ({ api, domains, request }) => {
  const domain = domains["nfs-silver"];
  const source = path.join(work, "source.qcow2");
  execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", source, String(256 * MiB)]);
  execFileSync("qemu-io", ["-f", "qcow2", "-c", `write -P 0x5a ${16 * MiB} ${40 * MiB}`, source], { stdio: "ignore" });
  const rawCopy = path.join(work, "source.raw");
  execFileSync("qemu-img", ["convert", "-f", "qcow2", "-O", "raw", source, rawCopy]);

  // ovirt_disk: the disk first, with initial_size from qemu-img measure.
  const name = unique("uploaded");
  const created = await api.post(
    "/disks",
    `<disk><name>${name}</name><format>cow</format><provisioned_size>${256 * MiB}</provisioned_size><initial_size>${48 * MiB}</initial_size><sparse>true</sparse><storage_domains><storage_domain><name>${domain.name}</name></storage_domain></storage_domains></disk>`,
  );
  expect(created.status, created.text).toBe(201);
  const diskId = created.doc.disk.id;
  await settle(api, `/disks/${diskId}`, "disk", ["locked"]);

  const upload = await startTransfer(api, diskId, "upload");
  expect(upload.transfer_url).toMatch(/^https:\/\/.+\/images\/[0-9a-f]+$/);
  // Portal and host are one machine: the proxy is the same TLS endpoint.
  expect(upload.proxy_url).toBe(upload.transfer_url);
  const ca = await (await request.get("/ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA")).text();
  expect(ca).toContain("BEGIN CERTIFICATE");
  expect((await api.doc(`/disks/${diskId}`)).disk.status).toBe("locked");
  const sent = await uploadGuestData(tlsEndpoint(upload.transfer_url, ca), { file: source, format: "qcow2", rawCopy });
  expect(sent.filter((r) => r === "PUT").length).toBe(5); // 40 MiB of data in 8 MiB requests; the rest was zeroed, not sent
  expect((await finalize(api, upload.id)).phase).toBe("finished_success");
  const disk = (await api.doc(`/disks/${diskId}`)).disk;
  expect(disk.status).toBe("ok");
  const file = imagePath(domain, diskId, disk.image_id);
  expect(qemuInfo(file).format).toBe("qcow2");
  expect(execFileSync("qemu-img", ["compare", "-q", source, file], { encoding: "utf8" })).toBe("");

  const download = await startTransfer(api, diskId, "download");
  const reader = tlsEndpoint(download.transfer_url, ca);
  const options = await reader("OPTIONS", "");
  expect(options.headers.get("allow")).toBe("OPTIONS, GET");
  const advertised = await options.json();
  expect(advertised.features).toEqual(["extents"]);
  expect((await reader("GET", "/extents?context=dirty")).status).toBe(404);
  const local = path.join(work, "downloaded.raw");
  const { read } = await downloadTo(reader, local, 256 * MiB);
  expect(read).toBeLessThan(48 * MiB); // only the extents that hold data
  expect(execFileSync("qemu-img", ["compare", "-q", source, local], { encoding: "utf8" })).toBe("");
  // A client that hangs up in the middle of a whole-image GET: the endpoint lets the read go and serves on.
  await hangUpAfterFirstBytes(download.transfer_url, ca);
  // On the portal's host the same data comes without TLS, through the socket OPTIONS names.
  expect(advertised.unix_socket).toMatch(/imageio-\d+\.sock$/);
  const throughSocket = path.join(work, "downloaded-local.raw");
  await downloadTo(tlsEndpoint(download.transfer_url, ca, advertised.unix_socket), throughSocket, 256 * MiB);
  expect(execFileSync("qemu-img", ["compare", "-q", source, throughSocket], { encoding: "utf8" })).toBe("");
  expect((await finalize(api, download.id)).phase).toBe("finished_success");
  expect((await api.doc(`/disks/${diskId}`)).disk.status).toBe("ok");
});

test("a cancelled upload removes its floating disk; bad transfer requests get faults and change nothing", async ({ api, domains, baseURL }) => {
  const domain = domains["local-ssd"];
  const created = await api.post("/disks", `<disk><name>${unique("cancel")}</name><format>raw</format><provisioned_size>${GiB}</provisioned_size><storage_domains><storage_domain id="${domain.id}"/></storage_domains></disk>`);
  const diskId = created.doc.disk.id;
  await settle(api, `/disks/${diskId}`, "disk", ["locked"]);
  const upload = await startTransfer(api, diskId, "upload");
  const put = await portalEndpoint(baseURL!, upload)("PUT", "?flush=n", { headers: { "Content-Range": `bytes 0-${MiB - 1}/*` }, body: Buffer.alloc(MiB, 9) });
  expect(put.status).toBe(200);

  // A second transfer on the locked disk, an unknown disk, and what the portal does not do.
  const second = await api.post("/imagetransfers", `<image_transfer><disk id="${diskId}"/><direction>download</direction></image_transfer>`);
  expect(second.status).toBe(409);
  expect(second.doc.fault.detail).toContain("locked");
  expect((await api.post("/imagetransfers", `<image_transfer><disk id="00000000-0000-0000-0000-00000000dead"/></image_transfer>`)).status).toBe(404);
  expect((await api.post("/imagetransfers", `<image_transfer><disk id="${diskId}"/><backup id="b"/></image_transfer>`)).status).toBe(400);
  expect((await api.post("/imagetransfers", `<image_transfer><disk id="${diskId}"/><direction>sideways</direction></image_transfer>`)).status).toBe(400);
  expect((await api.post("/imagetransfers", `<image_transfer><disk id="${diskId}"/><timeout_policy>never</timeout_policy></image_transfer>`)).status).toBe(400);
  // The client's pause: data is refused until it resumes.
  expect((await api.post(`/imagetransfers/${upload.id}/pause`, "<action/>")).status).toBe(200);
  expect((await api.doc(`/imagetransfers/${upload.id}`)).image_transfer.phase).toBe("paused_user");
  const paused = await portalEndpoint(baseURL!, upload)("PUT", "", { headers: { "Content-Range": `bytes 0-9/*` }, body: Buffer.alloc(10) });
  expect(paused.status).toBe(403);
  expect((await api.post(`/imagetransfers/${upload.id}/finalize`, "<action/>")).status).toBe(409);
  expect((await api.post(`/imagetransfers/${upload.id}/resume`, "<action/>")).status).toBe(200);
  expect((await api.doc(`/imagetransfers/${upload.id}`)).image_transfer.phase).toBe("transferring");
  // Past the disk's end: 416, and nothing written.
  const outside = await portalEndpoint(baseURL!, upload)("PUT", "", { headers: { "Content-Range": `bytes ${GiB}-${GiB + 9}/*` }, body: Buffer.alloc(10) });
  expect(outside.status).toBe(416);

  expect((await api.post(`/imagetransfers/${upload.id}/cancel`, "<action/>")).status).toBe(200);
  const ended = await settle(api, `/imagetransfers/${upload.id}`, "image_transfer", ["transferring", "cancelled_user"], "phase");
  expect(ended.phase).toBe("finished_failure");
  expect((await api.get(`/disks/${diskId}`)).status).toBe(404);
  const after = await portalEndpoint(baseURL!, upload)("OPTIONS", "");
  expect(after.status).toBe(403);
});

test("a disk snapshot is listed on its disk and its domain, and downloads as the disk was when it was taken, or one volume's own data onto its backing (list_disk_snapshots.py, download_disk_snapshot.py with and without --backing-file)", async ({ api, domains, request }) => {
  const domain = domains["nfs-gold"];
  const vm = await vmWithDisks(api, "dsnap", [domain.id]);
  const [{ id: diskId, imageId: baseId }] = vm.disks;
  execFileSync("qemu-io", ["-f", "qcow2", "-c", `write -P 0x31 0 ${4 * MiB}`, imagePath(domain, diskId, baseId)], { stdio: "ignore" });
  const correlationId = unique("corr");
  expect((await api.post(`/vms/${vm.id}/snapshots`, "<snapshot><description>frozen</description></snapshot>", { correlation_id: correlationId })).status).toBe(201);
  await waitForJobs(api, correlationId);
  const leafId = (await api.doc(`/disks/${diskId}`)).disk.image_id;
  execFileSync("qemu-io", ["-f", "qcow2", "-c", `write -P 0x99 0 ${4 * MiB}`, imagePath(domain, diskId, leafId)], { stdio: "ignore" }); // written after the snapshot

  // list_disk_snapshots.py: the disk's snapshots with the active one, a chain by parent links.
  const all = items(await api.doc(`/disks/${diskId}/disksnapshots`, { include_active: "true", include_template: "true" }), "disk_snapshots", "disk_snapshot");
  expect(all.map((s) => [s.id, s.parent?.id, s.format, s.status, s.disk.id])).toEqual([[baseId, undefined, "cow", "ok", diskId], [leafId, baseId, "cow", "ok", diskId]]);
  expect(Number(all[0].actual_size)).toBeGreaterThan(0);
  expect(all[0].snapshot.id).not.toBe(all[1].snapshot.id); // the snapshot that froze it; the active one is the Active VM's
  expect(items(await api.doc(`/disks/${diskId}/disksnapshots`), "disk_snapshots", "disk_snapshot").map((s) => s.id)).toEqual([baseId]);

  // download_disk_snapshot.py: the domain by name, the disk snapshot on it, a transfer of it.
  const gold = items(await api.doc("/storagedomains", { search: `name=${domain.name}` }), "storage_domains", "storage_domain")[0];
  expect(gold.link.map((l: Doc) => l.rel)).toContain("disksnapshots");
  expect(items(await api.doc(`/storagedomains/${domain.id}/disksnapshots`), "disk_snapshots", "disk_snapshot").map((s) => s.id)).toContain(baseId);
  const found = await api.get(`/storagedomains/${domain.id}/disksnapshots/${baseId}`);
  expect(found.status, found.text).toBe(200);
  expect(found.doc.disk_snapshot).toMatchObject({ id: baseId, disk: { id: diskId } });
  expect((await api.get(`/storagedomains/${domain.id}/disksnapshots/00000000-0000-0000-0000-00000000dead`)).status).toBe(404);

  const started = await api.post("/imagetransfers", `<image_transfer><snapshot id="${baseId}"/><direction>download</direction><format>raw</format><inactivity_timeout>60</inactivity_timeout><timeout_policy>cancel</timeout_policy></image_transfer>`);
  expect(started.status, started.text).toBe(201);
  const transfer = await settle(api, `/imagetransfers/${started.doc.image_transfer.id}`, "image_transfer", ["initializing"], "phase");
  expect(transfer.phase).toBe("transferring");
  expect((await api.doc(`/disks/${diskId}`)).disk.status).toBe("locked");
  const ca = await (await request.get("/ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA")).text();
  const local = path.join(work, "snapshot.raw");
  await downloadTo(tlsEndpoint(transfer.transfer_url, ca), local, 256 * MiB);
  expect(execFileSync("qemu-img", ["compare", "-q", imagePath(domain, diskId, baseId), local], { encoding: "utf8" })).toBe("");
  expect(execFileSync("qemu-io", ["-f", "raw", "-r", "-c", `read -P 0x31 0 ${4 * MiB}`, local], { encoding: "utf8" })).not.toContain("Pattern verification failed");
  expect((await finalize(api, transfer.id)).phase).toBe("finished_success");
  expect((await api.doc(`/disks/${diskId}`)).disk.status).toBe("ok");

  // download_disk_snapshot.py --backing-file: the newer volume's own data (shallow), onto the base already downloaded.
  const shallowStarted = await api.post("/imagetransfers", `<image_transfer><snapshot id="${leafId}"/><direction>download</direction><format>raw</format><shallow>true</shallow><inactivity_timeout>60</inactivity_timeout><timeout_policy>cancel</timeout_policy></image_transfer>`);
  expect(shallowStarted.status, shallowStarted.text).toBe(201);
  expect(shallowStarted.doc.image_transfer).toMatchObject({ shallow: "true", snapshot: { id: leafId } });
  const shallow = await settle(api, `/imagetransfers/${shallowStarted.doc.image_transfer.id}`, "image_transfer", ["initializing"], "phase");
  expect(shallow.phase).toBe("transferring");
  const base = path.join(work, "base.qcow2");
  execFileSync("qemu-img", ["convert", "-f", "raw", "-O", "qcow2", local, base]);
  const top = path.join(work, "top.qcow2");
  const extents = await downloadOntoBacking(tlsEndpoint(shallow.transfer_url, ca), top, base, 256 * MiB);
  expect(extents.filter((e) => !e.zero).map((e) => [e.start, e.length])).toEqual([[0, 4 * MiB]]); // only what was written after the snapshot
  expect(execFileSync("qemu-img", ["compare", "-q", imagePath(domain, diskId, leafId), top], { encoding: "utf8" })).toBe("");
  expect((await finalize(api, shallow.id)).phase).toBe("finished_success");

  // What is not done: uploading into a snapshot or a shallow upload, an unknown one.
  expect((await api.post("/imagetransfers", `<image_transfer><snapshot id="${baseId}"/><direction>upload</direction></image_transfer>`)).status).toBe(400);
  expect((await api.post("/imagetransfers", `<image_transfer><disk id="${diskId}"/><direction>upload</direction><shallow>true</shallow></image_transfer>`)).status).toBe(400);
  expect((await api.post("/imagetransfers", `<image_transfer><snapshot id="00000000-0000-0000-0000-00000000dead"/><direction>download</direction></image_transfer>`)).status).toBe(404);
  expect((await api.doc(`/disks/${diskId}`)).disk.status).toBe("ok");
});
