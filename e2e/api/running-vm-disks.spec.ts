import { existsSync, readdirSync, readlinkSync } from "node:fs";
import { test, expect, settle, disksOf } from "./support/fixtures";
import { backingOf, imagePath, qemuInfo, writeData } from "./support/storage";
import { vmWithDisks } from "./support/flows";
import { diskAttachmentXml } from "./support/bodies";
import { items } from "./support/xml";
import { query } from "../support";
import type { Api } from "./support/api-client";

// Disks of running VMs move live (QEMU mirrors them), through the same POST /disks/{id}/move the
// SDK and Ansible send; they are plugged in and out with POST and DELETE on its diskattachments;
// a running job is cancelled with POST /jobs/{id}/end.

/** Files the VM's QEMU process has open now. */
async function openFiles(vmId: string) {
  const pid = (await query<{ runtimePid: number }>(`SELECT "runtimePid" FROM "Vm" WHERE id = ?`, vmId))[0].runtimePid;
  return readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/${pid}/fd/${fd}`)];
    } catch {
      return [];
    }
  });
}

async function startVm(api: Api, vmId: string) {
  const started = await api.post(`/vms/${vmId}/start`, "<action/>");
  expect(started.status, started.text).toBe(200);
  expect((await settle(api, `/vms/${vmId}`, "vm", ["powering_up"])).status).toBe("up");
}

async function stopVm(api: Api, vmId: string) {
  expect((await api.post(`/vms/${vmId}/stop`, "<action/>")).status).toBe(200);
}

test("three disks of a running VM, moved with one request each without waiting (as the SDK loops), all move live and the VM runs on", async ({ api, domains }) => {
  const order = ["nfs-gold", "nfs-silver", "posix-archive"];
  const vm = await vmWithDisks(api, "live", order.map((name) => domains[name].id), { format: "cow" });
  for (const [i, disk] of vm.disks.entries()) writeData(imagePath(domains[order[i]], disk.id, disk.imageId), "qcow2", 24);
  await startVm(api, vm.id);
  const targets = ["nfs-silver", "posix-archive", "nfs-gold"].map((name) => domains[name]);
  const replies = await Promise.all(vm.disks.map((disk, i) => api.post(`/disks/${disk.id}/move`, `<action><storage_domain id="${targets[i].id}"/></action>`)));
  for (const reply of replies) expect(reply.status, reply.text).toBe(202);
  for (const reply of replies) {
    const job = await settle(api, `/jobs/${reply.doc.action.job.id}`, "job", ["started"]);
    expect(job.status, job.description).toBe("finished");
    expect(job.description).toMatch(/^Live moving disk/);
  }
  expect((await api.doc(`/vms/${vm.id}`)).vm.status).toBe("up");
  const open = await openFiles(vm.id);
  for (const [i, disk] of vm.disks.entries()) {
    const moved = (await api.doc(`/disks/${disk.id}`)).disk;
    expect(moved.status).toBe("ok");
    expect(items(moved, "storage_domains", "storage_domain").map((s) => s.id)).toEqual([targets[i].id]);
    const file = imagePath(targets[i], disk.id, moved.image_id);
    expect(qemuInfo(file).format).toBe("qcow2");
    expect(open).toContain(file); // QEMU writes to the target now
    expect(existsSync(imagePath(domains[order[i]], disk.id, disk.imageId))).toBe(false);
  }
  await stopVm(api, vm.id);
});

test("a live move cancelled with POST /jobs/{id}/end (succeeded=false) rolls back: the disk stays on its domain, the VM runs on", async ({ api, domains }) => {
  const source = domains["nfs-silver"];
  const target = domains["posix-archive"];
  const vm = await vmWithDisks(api, "cancel", [source.id], { format: "cow" });
  const disk = vm.disks[0];
  writeData(imagePath(source, disk.id, disk.imageId), "qcow2", 240); // about 4 s at the e2e server's 64 MiB/s
  await startVm(api, vm.id);
  const reply = await api.post(`/disks/${disk.id}/move`, `<action><storage_domain id="${target.id}"/></action>`);
  expect(reply.status, reply.text).toBe(202);
  const jobId = reply.doc.action.job.id as string;
  await expect
    .poll(async () => items(await api.doc(`/jobs/${jobId}/steps`), "steps", "step").some((s) => /^Mirror/.test(s.description) && Number(s.progress) > 0), { timeout: 20_000 })
    .toBe(true);

  const asSucceeded = await api.post(`/jobs/${jobId}/end`, "<action/>");
  expect(asSucceeded.status).toBe(409);
  expect(asSucceeded.doc.fault.detail).toMatch(/succeeded>false/);
  const cancelled = await api.post(`/jobs/${jobId}/end`, "<action><succeeded>false</succeeded></action>");
  expect(cancelled.status, cancelled.text).toBe(200);
  expect(cancelled.doc.action.status).toBe("complete");
  const job = await settle(api, `/jobs/${jobId}`, "job", ["started"]);
  expect(job.status).toBe("aborted");

  const after = (await api.doc(`/disks/${disk.id}`)).disk;
  expect(after.status).toBe("ok");
  expect(items(after, "storage_domains", "storage_domain").map((s) => s.id)).toEqual([source.id]);
  expect(existsSync(imagePath(target, disk.id, disk.imageId))).toBe(false);
  expect(await openFiles(vm.id)).toContain(imagePath(source, disk.id, disk.imageId));
  expect((await api.doc(`/vms/${vm.id}`)).vm.status).toBe("up");
  const again = await api.post(`/jobs/${jobId}/end`, "<action><succeeded>false</succeeded></action>");
  expect(again.status).toBe(409);
  expect(again.doc.fault.detail).toMatch(/already ended/);
  await stopVm(api, vm.id);
});

test("a disk added to a running VM with active=true is plugged in at once on its domain; DELETE of the attachment unplugs it and keeps the disk", async ({ api, domains }) => {
  const vm = await vmWithDisks(api, "plug", [domains["nfs-gold"].id], { format: "cow" });
  await startVm(api, vm.id);
  const domain = domains["local-ssd"];
  const added = await api.post(`/vms/${vm.id}/diskattachments`, diskAttachmentXml({ name: `${vm.name}-hot`, domainId: domain.id, sizeBytes: 1024 ** 3, format: "cow", sparse: true }, "virtio_scsi"));
  expect(added.status, added.text).toBe(201);
  expect(added.doc.disk_attachment).toMatchObject({ active: "true", interface: "virtio_scsi" });
  const diskId = added.doc.disk_attachment.disk.id as string;
  const disk = await settle(api, `/disks/${diskId}`, "disk", ["locked"]);
  expect(disk.status).toBe("ok");
  const file = imagePath(domain, diskId, disk.image_id);
  await expect.poll(async () => await openFiles(vm.id)).toContain(file);

  const sata = await api.post(`/vms/${vm.id}/diskattachments`, diskAttachmentXml({ name: `${vm.name}-sata`, domainId: domain.id, sizeBytes: 1024 ** 3, format: "cow", sparse: true }, "sata"));
  expect(sata.status).toBe(409);
  expect(sata.doc.fault.detail).toMatch(/SATA disk cannot be plugged/);

  const detached = await api.delete(`/vms/${vm.id}/diskattachments/${diskId}`);
  expect(detached.status, detached.text).toBe(200);
  expect(await openFiles(vm.id)).not.toContain(file);
  expect(existsSync(file)).toBe(true);
  expect((await api.doc(`/disks/${diskId}`)).disk.status).toBe("ok");
  expect(items(await api.doc(`/vms/${vm.id}/diskattachments`), "disk_attachments", "disk_attachment")).toHaveLength(1);
  await stopVm(api, vm.id);
});

test("a snapshot of a running VM is taken live and deleted live (merged into its disks while the guest runs)", async ({ api, domains }) => {
  const placed = [domains["nfs-gold"], domains["local-ssd"]];
  const vm = await vmWithDisks(api, "merge", placed.map((d) => d.id), { format: "cow" });
  await startVm(api, vm.id);
  const created = await api.post(`/vms/${vm.id}/snapshots`, "<snapshot><description>live</description><persist_memorystate>false</persist_memorystate></snapshot>");
  expect(created.status, created.text).toBe(201);
  const snapshotId = created.doc.snapshot.id as string;
  expect((await settle(api, `/vms/${vm.id}/snapshots/${snapshotId}`, "snapshot", ["locked"], "snapshot_status")).snapshot_status).toBe("ok");
  const before = await disksOf(api, "vms", vm.id);
  for (const [i, disk] of before.entries()) expect(backingOf(imagePath(placed[i], disk.id, disk.imageId))).not.toBeNull();

  const removal = await api.delete(`/vms/${vm.id}/snapshots/${snapshotId}`);
  expect(removal.status, removal.text).toBe(200);
  const job = await settle(api, `/jobs/${removal.doc.action.job.id}`, "job", ["started"]);
  expect(job.status, job.description).toBe("finished");
  expect(job.description).toMatch(/of running VM/);
  expect(items(await api.doc(`/vms/${vm.id}/snapshots`), "snapshots", "snapshot").map((s) => s.snapshot_type)).toEqual(["active"]);
  for (const [i, disk] of (await disksOf(api, "vms", vm.id)).entries()) {
    const file = imagePath(placed[i], disk.id, disk.imageId);
    expect(backingOf(file)).toBeNull(); // the snapshot's volume was merged into it
    expect(await openFiles(vm.id)).toContain(file);
  }
  expect((await api.doc(`/vms/${vm.id}`)).vm.status).toBe("up");
  await stopVm(api, vm.id);
});
