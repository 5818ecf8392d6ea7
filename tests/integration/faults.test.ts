import { beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { addVm } from "@/lib/vms/add-vm";
import { moveDisks } from "@/lib/disks/move-disks";
import { waitForJob } from "@/lib/jobs/run-job";
import { runMonitorCycle } from "@/lib/storage-domains/monitor";
import { recoverJobs } from "@/lib/jobs/recover-jobs";
import { imagesDir } from "@/lib/storage/layout";
import { moveToTrash } from "@/lib/storage/trash";
import { newPlan } from "@/lib/operations";
import { serializePlan } from "@/lib/jobs/plan";
import { ensureRegistered, instance } from "@/lib/jobs/instance";
import { randomUUID } from "node:crypto";
import { admin, createDomains, filesOn, finished, GiB, leafOf, MiB, readsPattern, writePattern } from "@/tests/support/fixtures";

let domains: Awaited<ReturnType<typeof createDomains>>;
beforeAll(async () => {
  domains = await createDomains(4);
});

/** Makes any volume of `diskId` impossible to create on `domain`: a file sits where its image directory would go. */
function blockImageDir(domain: { id: string; path: string }, diskId: string) {
  mkdirSync(imagesDir(domain), { recursive: true });
  const blocker = path.join(imagesDir(domain), diskId);
  writeFileSync(blocker, "not a directory");
  return blocker;
}

async function diskState(ids: string[]) {
  return db.disk.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" }, select: { id: true, status: true, lockJobId: true, volumes: { select: { id: true, storageDomainId: true } } } });
}

describe("a failure in the middle of a 3-disk operation", () => {
  it("move: the third copy fails; every disk stays where it was, data intact, nothing left behind", async () => {
    const { vmId, diskIds } = await finished(
      addVm({ name: "fault1", disks: domains.data.slice(0, 3).map((d, i) => ({ alias: `f1-${i}`, provisionedSize: GiB, storageDomainId: d.id })) }, admin),
    );
    for (const [i, id] of diskIds.entries()) writePattern((await leafOf(id)).path, "qcow2", 0x40 + i, 0, 8 * MiB);
    const before = await diskState(diskIds);
    const targets = [domains.data[3], domains.data[3], domains.data[0]];
    const blocker = blockImageDir(targets[2], diskIds[2]);

    const { job } = await moveDisks({ moves: diskIds.map((diskId, i) => ({ diskId, storageDomainId: targets[i].id })) }, admin);
    const ended = await waitForJob(job.id);
    expect(ended.status).toBe("failed");
    expect(ended.error).toMatch(/ENOTDIR|not a directory|EEXIST/i);

    expect(await diskState(diskIds)).toEqual(before);
    for (const [i, id] of diskIds.entries()) expect(readsPattern((await leafOf(id)).path, 0x40 + i, 0, 8 * MiB)).toBe(true);
    expect(filesOn(domains.data[3])).toEqual([]);
    expect(filesOn(domains.data[0]).some((f) => f.includes(diskIds[2]))).toBe(false);
    expect((await db.vm.findUniqueOrThrow({ where: { id: vmId } })).lockJobId).toBeNull();
    const steps = await db.jobStep.findMany({ where: { jobId: job.id }, orderBy: { position: "asc" } });
    // The copies ran side by side: the third failed at once and stopped the others.
    expect(steps[2].status).toBe("failed");
    expect(steps.every((s) => s.status === "finished" || s.status === "failed")).toBe(true);
    const event = await db.event.findFirstOrThrow({ where: { jobId: job.id, severity: "error" } });
    expect(event.message).toMatch(/rolled back/);
    expect(existsSync(blocker)).toBe(true);
    rmSync(blocker);
  });

  it("add VM: the third domain's storage is broken; no VM, no disks, no files", async () => {
    const broken = domains.data[2];
    const images = imagesDir(broken);
    rmSync(images, { recursive: true, force: true });
    writeFileSync(images, "the mount went away");
    try {
      const counts = { vms: await db.vm.count(), disks: await db.disk.count(), volumes: await db.volume.count() };
      const files = domains.data.map(filesOn);
      const { vmId, job } = await addVm({ name: "fault2", disks: domains.data.slice(0, 3).map((d, i) => ({ alias: `f2-${i}`, provisionedSize: GiB, storageDomainId: d.id })) }, admin);
      expect((await waitForJob(job.id)).status).toBe("failed");
      expect({ vms: await db.vm.count(), disks: await db.disk.count(), volumes: await db.volume.count() }).toEqual(counts);
      expect(await db.vm.findUnique({ where: { id: vmId } })).toBeNull();
      expect(domains.data.map(filesOn)).toEqual(files);
    } finally {
      rmSync(images, { force: true });
      mkdirSync(images);
    }
  });
});

describe("a job interrupted by a crash", () => {
  it("resumes at start-up: the copy restarts over the partial one and the disk ends on its target with its data, nothing left behind", async () => {
    const { diskIds } = await finished(addVm({ name: "crash1", disks: [{ alias: "big", provisionedSize: 4 * GiB, format: "raw", storageDomainId: domains.data[0].id }] }, admin));
    const source = await leafOf(diskIds[0]);
    writePattern(source.path, "raw", 0x5a, 0, 1536 * MiB);
    const target = domains.data[1];
    const sourceFiles = filesOn(domains.data[0]);
    const targetFiles = filesOn(target);

    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/helpers/start-move-and-hang.ts", diskIds[0], target.id], {
      env: process.env,
      detached: true, // its own process group, so the kill takes qemu-img down too, like a host crash
      stdio: ["ignore", "pipe", "inherit"],
    });
    const jobId = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding("utf8").on("data", (line: string) => {
        const match = line.match(/READY (\S+)/);
        if (match) resolve(match[1]);
      });
      child.on("exit", (code) => reject(new Error(`child exited early (${code})`)));
    });
    process.kill(-child.pid!, "SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));

    const locked = await db.disk.findUniqueOrThrow({ where: { id: diskIds[0] } });
    expect(locked.status).toBe("locked");
    expect((await db.job.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("running");

    const result = await recoverJobs();

    expect(result).toMatchObject({ resumed: 1, rolledBack: 0 });
    const job = await waitForJob(jobId);
    expect(job.status).toBe("finished");
    expect(await db.event.count({ where: { jobId, action: "job_resumed" } })).toBe(1);
    const disk = await db.disk.findUniqueOrThrow({ where: { id: diskIds[0] } });
    expect(disk).toMatchObject({ status: "ok", lockJobId: null });
    const leaf = await leafOf(diskIds[0]);
    expect(leaf.domain.id).toBe(target.id);
    expect(readsPattern(leaf.path, 0x5a, 0, 1536 * MiB)).toBe(true);
    // One volume on the target, the one the job made; the source went after the commit.
    expect(filesOn(target).sort()).toEqual([...targetFiles, leaf.path].sort());
    expect(filesOn(domains.data[0]).sort()).toEqual(sourceFiles.filter((file) => file !== source.path).sort());
  });

  it("puts back a volume moved aside for removal when the commit that removes it never happened", async () => {
    const { diskIds } = await finished(addVm({ name: "crash2", disks: [{ alias: "kept", provisionedSize: GiB, storageDomainId: domains.data[0].id }] }, admin));
    const leaf = await leafOf(diskIds[0]);
    writePattern(leaf.path, "qcow2", 0x6b, 0, MiB);
    await moveToTrash(leaf.path); // the process died between this rename and its commit
    expect(existsSync(leaf.path)).toBe(false);
    const { restored } = await recoverJobs();
    expect(restored).toEqual([leaf.path]);
    expect(readsPattern(leaf.path, 0x6b, 0, MiB)).toBe(true);
  });

  it("leaves a volume a running job moved aside to that job: a recovery sweep between its rename and its commit puts nothing back", async () => {
    const { diskIds } = await finished(addVm({ name: "crash3", disks: [{ alias: "going", provisionedSize: GiB, storageDomainId: domains.data[0].id }] }, admin));
    const leaf = await leafOf(diskIds[0]);
    const plan = newPlan();
    plan.removeAfterCommit.push(leaf.path);
    await ensureRegistered();
    const job = await db.job.create({
      data: { id: randomUUID(), type: "remove_disk", description: "Removing disk going", status: "running", payload: serializePlan(plan), actor: admin.name, leaseOwner: instance.id, leaseExpiresAt: new Date(Date.now() + 60_000) },
    });
    const entry = await moveToTrash(leaf.path); // the job is about to commit the disk's removal
    try {
      const { restored } = await recoverJobs();
      expect(restored).toEqual([]);
      expect(existsSync(leaf.path)).toBe(false);
      expect(existsSync(path.join(entry.dir, entry.name))).toBe(true);
    } finally {
      await db.job.delete({ where: { id: job.id } });
    }
    // Once no job holds it, the same sweep puts it back: the database still owns it.
    expect((await recoverJobs()).restored).toEqual([leaf.path]);
  });

  it("keeps and reports a file that no disk or job owns, across restarts", async () => {
    const domain = domains.data[3];
    const stray = path.join(imagesDir(domain), "stray-image", "vol.bak");
    mkdirSync(path.dirname(stray), { recursive: true });
    writeFileSync(stray, "an administrator's backup");
    const owned = domains.data.flatMap(filesOn).filter((f) => f !== stray);
    for (let restart = 0; restart < 2; restart++) {
      await recoverJobs();
      await runMonitorCycle();
    }
    expect(existsSync(stray)).toBe(true);
    const row = await db.storageDomain.findUniqueOrThrow({ where: { id: domain.id } });
    expect(JSON.parse(row.unknownFiles)).toEqual(["images/stray-image/vol.bak"]);
    const events = await db.event.findMany({ where: { action: "storage_domain_unknown_files", objectId: domain.id } });
    expect(events).toHaveLength(1);
    expect(events[0].message).toContain("images/stray-image/vol.bak");
    for (const file of owned) expect(existsSync(file)).toBe(true);
  });
});
