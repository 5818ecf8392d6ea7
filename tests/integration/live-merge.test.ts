import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { readVolumeMeta } from "@/lib/storage/volume-meta";
import { createSnapshot } from "@/lib/snapshots/create-snapshot";
import { deleteSnapshot } from "@/lib/snapshots/delete-snapshot";
import { recoverJobs } from "@/lib/jobs/recover-jobs";
import { waitForQemuExit } from "@/lib/runtime/qemu-process";
import { volumePath } from "@/lib/storage/layout";
import { startVm } from "@/lib/vms/runtime/start-vm";
import { admin, createDomains, finished, leafOf, MiB, qemuChain, testDir, writePattern } from "@/tests/support/fixtures";
import { guestWrite, killAllQemus, killPortalAt, newSmallVm, qmpOf, runState, sameImage } from "@/tests/support/runtime-fixtures";

// Deleting snapshots of a running VM: QEMU merges each snapshot volume into the one above it
// while the guest runs; the chain on each disk's own domain is checked with qemu-img afterwards.

let domains: Awaited<ReturnType<typeof createDomains>>;
beforeAll(async () => {
  domains = await createDomains(2);
});
afterAll(async () => {
  await killAllQemus();
});



/** The disk's chain as the database has it (base first) must be the chain qemu-img reads from the leaf. */
async function expectChainsAgree(diskId: string) {
  const volumes = await db.volume.findMany({ where: { diskId }, include: { storageDomain: true } });
  const byId = new Map(volumes.map((v) => [v.id, v]));
  const files: string[] = [];
  for (let v = volumes.find((x) => x.leaf); v; v = v.parentId ? byId.get(v.parentId) : undefined) files.push(volumePath(v.storageDomain, diskId, v.id));
  expect(qemuChain((await leafOf(diskId)).path).map((i) => path.resolve(i.filename))).toEqual(files);
  // And each volume's metadata names the parent its header does (registering from the files follows it).
  const parents = await Promise.all(files.map(async (file) => (await readVolumeMeta(file)).parent));
  expect(parents).toEqual(files.map((_, k) => (files[k + 1] ? path.basename(files[k + 1]) : null)));
  return files;
}

/** A portal in another process that deletes a snapshot and is killed with SIGKILL at `stage`. */
function killPortalDuringMerge(stage: "streaming" | "streamed", vmId: string, snapshotId: string, env: Record<string, string> = {}) {
  return killPortalAt("tests/helpers/start-live-merge-and-hang.ts", [stage, vmId, snapshotId], { ...env, ...(stage === "streamed" ? { MULTISTORE_FAILPOINT: "live-merge:streamed" } : {}) });
}

describe("live merge", () => {
  let vmId: string;
  let diskIds: string[];
  let expected: string[];
  const snapshots: string[] = [];

  beforeAll(async () => {
    ({ vmId, diskIds } = await newSmallVm("merge1", [{ domain: domains.data[0] }, { domain: domains.data[1], format: "raw" }]));
    for (const [i, diskId] of diskIds.entries()) writePattern((await leafOf(diskId)).path, i ? "raw" : "qcow2", 0x10 + i, 0, 32 * MiB);
    await startVm({ vmId }, admin);
    expected = diskIds.map((_, i) => path.join(testDir(), `merge1-${i}.raw`));
    for (const [i, diskId] of diskIds.entries()) execFileSync("qemu-img", ["convert", "-U", "-O", "raw", (await leafOf(diskId)).path, expected[i]]);
    for (const [round, name] of ["s1", "s2", "s3"].entries()) {
      snapshots.push((await finished(createSnapshot({ vmId, description: name }, admin))).snapshotId);
      for (const [i, diskId] of diskIds.entries()) await guestWrite(vmId, diskId, 0x40 + round * 2 + i, (8 + round) * MiB, MiB, expected[i]);
    }
    for (const diskId of diskIds) expect(await expectChainsAgree(diskId)).toHaveLength(4);
  });

  it("deletes a middle snapshot and then the oldest: each disk's chain shrinks on its own domain, the guest runs on and reads what it wrote", async () => {
    const rawBase = (await expectChainsAgree(diskIds[1])).at(-1)!;
    for (const snapshotId of [snapshots[1], snapshots[0]]) {
      const { job } = await deleteSnapshot({ vmId, snapshotId }, admin);
      expect(job.description).toMatch(/of running VM merge1/);
      await finished(Promise.resolve({ job }));
      expect(await db.snapshot.count({ where: { id: snapshotId } })).toBe(0);
    }
    for (const [i, diskId] of diskIds.entries()) {
      const files = await expectChainsAgree(diskId);
      expect(files).toHaveLength(2);
      for (const file of files) expect(file.startsWith(path.join(domains.data[i].path, domains.data[i].id))).toBe(true);
      expect(sameImage((await leafOf(diskId)).path, expected[i])).toBe(true);
      // The raw disk's oldest snapshot was merged down into its raw base, which stays (the disk stays raw).
      if (i === 1) expect([files.at(-1), qemuChain(files[0]).at(-1)!.format]).toEqual([rawBase, "raw"]);
      expect(await db.disk.findUniqueOrThrow({ where: { id: diskId } })).toMatchObject({ status: "ok", lockJobId: null });
    }
    expect(await runState(vmId)).toBe("running");
    expect(await (await qmpOf(vmId)).execute("query-jobs")).toEqual([]);
  });

  it("a portal killed after QEMU merged, before the commit, finishes the delete at start-up (roll forward); the raw disk keeps its raw base", async () => {
    const before = await Promise.all(diskIds.map(expectChainsAgree));
    const jobId = await killPortalDuringMerge("streamed", vmId, snapshots[2]);
    expect((await db.job.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("running");
    const recovered = await recoverJobs();
    expect(recovered).toMatchObject({ rolledForward: 1, rolledBack: 0 });
    expect((await db.job.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("finished");
    expect(await db.snapshot.count({ where: { id: snapshots[2] } })).toBe(0);
    for (const [i, diskId] of diskIds.entries()) {
      const files = await expectChainsAgree(diskId);
      expect(files).toHaveLength(1);
      expect(sameImage((await leafOf(diskId)).path, expected[i])).toBe(true);
      expect(await db.disk.findUniqueOrThrow({ where: { id: diskId } })).toMatchObject({ status: "ok", lockJobId: null });
      const gone = before[i].filter((file) => !files.includes(file));
      await expect.poll(() => gone.some((f) => existsSync(f))).toBe(false);
    }
    // The raw disk's active data went down into its raw base, which the guest now writes (QEMU's block-commit, as the engine's live merge).
    const raw = await leafOf(diskIds[1]);
    expect(raw.path).toBe(before[1].at(-1));
    expect(qemuChain(raw.path)[0].format).toBe("raw");
    expect(raw.volume.format).toBe("raw");
    await guestWrite(vmId, diskIds[1], 0x66, 4 * MiB, MiB, expected[1]);
    expect(sameImage(raw.path, expected[1])).toBe(true);
    expect(await runState(vmId)).toBe("running");
  });

  it("a portal killed while QEMU streams: start-up recovery cancels the stream (or finishes it, had QEMU completed it meanwhile); the chain always matches the database", async () => {
    const snapshotId = (await finished(createSnapshot({ vmId, description: "s4" }, admin))).snapshotId;
    for (const [i, diskId] of diskIds.entries()) await guestWrite(vmId, diskId, 0x70 + i, 16 * MiB, MiB, expected[i]);
    const lengths = await Promise.all(diskIds.map(async (id) => (await expectChainsAgree(id)).length));
    const jobId = await killPortalDuringMerge("streaming", vmId, snapshotId, { LIVE_MIRROR_MAX_MIBPS: "4" });
    const recovered = await recoverJobs();
    expect(recovered.rolledBack + recovered.rolledForward).toBe(1);
    console.log(`[live merge killed mid-stream] recovery ${recovered.rolledBack ? "cancelled the stream and rolled back" : "found it complete and rolled forward"}`);
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(job.status).toBe(recovered.rolledBack ? "failed" : "finished");
    for (const [i, diskId] of diskIds.entries()) {
      expect(await expectChainsAgree(diskId)).toHaveLength(lengths[i] - (recovered.rolledBack ? 0 : 1));
      expect(sameImage((await leafOf(diskId)).path, expected[i])).toBe(true);
      expect(await db.disk.findUniqueOrThrow({ where: { id: diskId } })).toMatchObject({ status: "ok", lockJobId: null });
    }
    expect(await (await qmpOf(vmId)).execute("query-jobs")).toEqual([]);
    if (recovered.rolledBack) await finished(deleteSnapshot({ vmId, snapshotId }, admin)); // and it can be deleted again
    for (const [i, diskId] of diskIds.entries()) expect(await expectChainsAgree(diskId)).toHaveLength(lengths[i] - 1);
    expect(await runState(vmId)).toBe("running");
  });
});

describe("live merge into a raw base", () => {
  it("QEMU gone mid-commit (and the portal with it): recovery finishes the merge offline, the disk stays raw with what the guest wrote", async () => {
    const { vmId, diskIds } = await newSmallVm("commit1", [{ domain: domains.data[0], format: "raw" }]);
    const base = await leafOf(diskIds[0]);
    writePattern(base.path, "raw", 0x11, 0, 16 * MiB);
    const expected = path.join(testDir(), "commit1.raw");
    execFileSync("qemu-img", ["convert", "-O", "raw", base.path, expected]);
    await startVm({ vmId }, admin);
    const snapshotId = (await finished(createSnapshot({ vmId, description: "c1" }, admin))).snapshotId;
    const overlay = (await leafOf(diskIds[0])).path;
    await guestWrite(vmId, diskIds[0], 0x12, 4 * MiB, 8 * MiB, expected);
    // 1 MiB/s: the commit of 8 MiB is still running when both processes die.
    const jobId = await killPortalDuringMerge("streaming", vmId, snapshotId, { LIVE_MIRROR_MAX_MIBPS: "1" });
    const { runtimePid, qmpSocket } = await db.vm.findUniqueOrThrow({ where: { id: vmId } });
    process.kill(runtimePid!, "SIGKILL");
    // Gone as recovery sees it: a killed QEMU's leader is a zombie while its other threads still exit.
    expect(await waitForQemuExit(runtimePid!, qmpSocket!, 5_000)).toBe(true);
    const recovered = await recoverJobs();
    expect(recovered).toMatchObject({ rolledForward: 1, rolledBack: 0 });
    expect((await db.job.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("finished");
    const files = await expectChainsAgree(diskIds[0]);
    expect(files).toEqual([base.path]);
    expect(qemuChain(base.path)[0].format).toBe("raw");
    expect(sameImage(base.path, expected)).toBe(true);
    await expect.poll(() => existsSync(overlay)).toBe(false);
    expect(await db.disk.findUniqueOrThrow({ where: { id: diskIds[0] } })).toMatchObject({ status: "ok", lockJobId: null, format: "raw" });
  });
});
