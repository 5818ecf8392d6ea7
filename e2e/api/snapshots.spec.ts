import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { test, expect, unique, waitForJobs, waitForJob, disksOf, settle } from "./support/fixtures";
import { backingOf, imagePath } from "./support/storage";
import { vmWithDisks } from "./support/flows";
import type { Domain } from "./support/fixtures";
import { items } from "./support/xml";

// Snapshots of a VM whose disks sit on three domains: every overlay on its disk's own domain.

test("a snapshot is created, restored and deleted, each disk staying on its domain", async ({ api, domains }) => {
  const placed = [domains["nfs-gold"], domains["posix-archive"], domains["local-ssd"]];
  const vm = await vmWithDisks(api, "snap", placed.map((d) => d.id));
  const domainOf = (id: string) => placed.find((d) => d.id === id) as Domain;
  const leafPath = (d: { id: string; imageId: string; domainIds: string[] }) => imagePath(domainOf(d.domainIds[0]), d.id, d.imageId);
  const bases = vm.disks.map(leafPath);

  const correlationId = unique("corr");
  const created = await api.post(`/vms/${vm.id}/snapshots`, "<snapshot><description>before upgrade</description><persist_memorystate>false</persist_memorystate></snapshot>", { correlation_id: correlationId });
  expect(created.status, created.text).toBe(201);
  expect(["locked", "ok"]).toContain(created.doc.snapshot.snapshot_status);
  const snapshotId = created.doc.snapshot.id;
  await waitForJobs(api, correlationId);
  expect((await settle(api, `/vms/${vm.id}/snapshots/${snapshotId}`, "snapshot", ["locked"], "snapshot_status")).snapshot_status).toBe("ok");

  const overlays = await disksOf(api, "vms", vm.id);
  for (const [i, disk] of overlays.entries()) {
    expect(disk.domainIds).toEqual([placed[i].id]);
    expect(backingOf(leafPath(disk))).toBe(bases[i]);
  }

  // As the engine lists them: the snapshot, then the Active VM one; each holds every disk on its domain.
  const listed = items(await api.doc(`/vms/${vm.id}/snapshots`), "snapshots", "snapshot");
  expect(listed.map((s) => [s.snapshot_type, s.description])).toEqual([["regular", "before upgrade"], ["active", "Active VM"]]);
  const active = listed[1];
  expect((await api.doc(`/vms/${vm.id}/snapshots/${active.id}`)).snapshot.snapshot_type).toBe("active");
  const heldBy = async (sid: string) => items(await api.doc(`/vms/${vm.id}/snapshots/${sid}/disks`), "disks", "disk");
  const frozen = await heldBy(snapshotId);
  const byAlias = <T extends { alias?: unknown }>(list: T[]) => [...list].sort((a, b) => String(a.alias).localeCompare(String(b.alias)));
  expect(byAlias(frozen).map((d) => [d.id, d.image_id, items(d, "storage_domains", "storage_domain")[0].id, d.snapshot.id])).toEqual(
    byAlias(vm.disks).map((d) => [d.id, d.imageId, d.domainIds[0], snapshotId]),
  );
  const current = await heldBy(active.id);
  expect(new Set(current.map((d) => d.image_id))).toEqual(new Set(overlays.map((d) => d.imageId)));
  const one = await api.doc(`/vms/${vm.id}/snapshots/${snapshotId}/disks/${vm.disks[0].id}`);
  expect(one.disk.image_id).toBe(vm.disks[0].imageId);
  expect((await api.get(`/vms/${vm.id}/snapshots/${snapshotId}/disks/${randomUUID()}`)).status).toBe(404);
  // The Active VM snapshot is the VM itself: neither removed nor restored, and nothing changes.
  for (const refused of [await api.delete(`/vms/${vm.id}/snapshots/${active.id}`), await api.post(`/vms/${vm.id}/snapshots/${active.id}/restore`, "<action/>")]) {
    expect(refused.status, refused.text).toBe(409);
    expect(refused.doc.fault.detail).toMatch(/Active VM snapshot/);
  }
  expect((await disksOf(api, "vms", vm.id)).map((d) => d.imageId)).toEqual(overlays.map((d) => d.imageId));

  const restore = await api.post(`/vms/${vm.id}/snapshots/${snapshotId}/restore`, "<action/>");
  expect(restore.status, restore.text).toBe(202);
  await waitForJob(api, restore.doc);
  for (const [i, disk] of (await disksOf(api, "vms", vm.id)).entries()) {
    expect(disk.imageId).not.toBe(overlays[i].imageId);
    expect(backingOf(leafPath(disk))).toBe(bases[i]);
    expect(existsSync(leafPath(overlays[i]))).toBe(false);
  }

  const removal = await api.delete(`/vms/${vm.id}/snapshots/${snapshotId}`);
  expect(removal.status).toBe(200);
  await waitForJob(api, removal.doc);
  expect(items(await api.doc(`/vms/${vm.id}/snapshots`), "snapshots", "snapshot").map((s) => s.snapshot_type)).toEqual(["active"]);
  for (const [i, disk] of (await disksOf(api, "vms", vm.id)).entries()) {
    expect(disk.domainIds).toEqual([placed[i].id]);
    expect(backingOf(leafPath(disk))).toBeNull();
    expect(existsSync(bases[i])).toBe(false);
  }
});

test("unknown snapshots are 404 for read, restore and delete", async ({ api }) => {
  const vmId = items(await api.doc("/vms", { search: "name=db-01" }), "vms", "vm")[0].id;
  const unknown = randomUUID();
  expect((await api.get(`/vms/${vmId}/snapshots/${unknown}`)).status).toBe(404);
  expect((await api.post(`/vms/${vmId}/snapshots/${unknown}/restore`, "<action/>")).status).toBe(404);
  expect((await api.delete(`/vms/${vmId}/snapshots/${unknown}`)).status).toBe(404);
});
