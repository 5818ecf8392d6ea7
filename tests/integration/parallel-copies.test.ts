import { beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { addVm } from "@/lib/vms/add-vm";
import { moveDisks } from "@/lib/disks/move-disks";
import { waitForJob } from "@/lib/jobs/run-job";
import { imagesDir } from "@/lib/storage/layout";
import { admin, createDomains, filesOn, finished, GiB, leafOf, MiB, readsPattern, writePattern } from "@/tests/support/fixtures";

// A job copying several disks runs the copies side by side, one at a time per pair of domains.

let domains: Awaited<ReturnType<typeof createDomains>>;
beforeAll(async () => {
  domains = await createDomains(4);
});

async function vmWithDataOn(name: string, placement: number[], mib: number) {
  const { diskIds } = await finished(
    addVm({ name, disks: placement.map((d, i) => ({ alias: `${name}-${i}`, provisionedSize: GiB, storageDomainId: domains.data[d].id })) }, admin),
  );
  for (const [i, id] of diskIds.entries()) writePattern((await leafOf(id)).path, "qcow2", 0x60 + i, 0, mib * MiB);
  return diskIds;
}

async function stepTimes(jobId: string) {
  const steps = await db.jobStep.findMany({ where: { jobId }, orderBy: { position: "asc" } });
  return steps.map((s) => ({ status: s.status, start: s.startedAt!.getTime(), end: s.endedAt!.getTime() }));
}

describe("copies of a multi-disk job", () => {
  it("run at the same time when each goes between its own pair of domains, each with its own step progress", async () => {
    const diskIds = await vmWithDataOn("par1", [0, 1, 2], 192);
    const targets = [1, 2, 3];
    const { job } = await moveDisks({ moves: diskIds.map((diskId, i) => ({ diskId, storageDomainId: domains.data[targets[i]].id })) }, admin);
    expect((await waitForJob(job.id)).status).toBe("finished");

    const steps = await stepTimes(job.id);
    expect(steps.map((s) => s.status)).toEqual(["finished", "finished", "finished"]);
    // Every copy started before any of them ended.
    expect(Math.max(...steps.map((s) => s.start))).toBeLessThan(Math.min(...steps.map((s) => s.end)));
    for (const [i, id] of diskIds.entries()) {
      const leaf = await leafOf(id);
      expect(leaf.domain.id).toBe(domains.data[targets[i]].id);
      expect(readsPattern(leaf.path, 0x60 + i, 0, 192 * MiB)).toBe(true);
    }
  });

  it("queue one after the other between the same two domains (one copy per domain pair by default)", async () => {
    const diskIds = await vmWithDataOn("par2", [0, 0], 64);
    const { job } = await moveDisks({ moves: diskIds.map((diskId) => ({ diskId, storageDomainId: domains.data[1].id })) }, admin);
    expect((await waitForJob(job.id)).status).toBe("finished");
    const [first, second] = (await stepTimes(job.id)).sort((a, b) => a.start - b.start);
    expect(second.start).toBeGreaterThanOrEqual(first.end);
  });

  it("stop together when one fails: the running copies are killed and everything is undone", async () => {
    const diskIds = await vmWithDataOn("par3", [0, 1, 2], 256);
    const before = await db.disk.findMany({ where: { id: { in: diskIds } }, select: { id: true, status: true, volumes: { select: { id: true, storageDomainId: true } } } });
    // The third disk cannot be written on its target: a file sits where its image directory goes.
    mkdirSync(imagesDir(domains.data[0]), { recursive: true });
    const blocker = path.join(imagesDir(domains.data[0]), diskIds[2]);
    writeFileSync(blocker, "not a directory");
    try {
      const targets = [3, 3, 0];
      const { job } = await moveDisks({ moves: diskIds.map((diskId, i) => ({ diskId, storageDomainId: domains.data[targets[i]].id })) }, admin);
      const ended = await waitForJob(job.id);
      expect(ended.status).toBe("failed");
      expect(ended.error).toMatch(/ENOTDIR|not a directory|EEXIST/i);
      expect(await db.disk.findMany({ where: { id: { in: diskIds } }, select: { id: true, status: true, volumes: { select: { id: true, storageDomainId: true } } } })).toEqual(before);
      expect(filesOn(domains.data[3]).filter((f) => diskIds.some((id) => f.includes(id)))).toEqual([]);
      for (const [i, id] of diskIds.entries()) expect(readsPattern((await leafOf(id)).path, 0x60 + i, 0, 256 * MiB)).toBe(true);
      expect(await db.disk.count({ where: { id: { in: diskIds }, lockJobId: { not: null } } })).toBe(0);
    } finally {
      rmSync(blocker);
    }
  });
});
