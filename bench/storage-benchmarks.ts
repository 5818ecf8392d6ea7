import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { addStorageDomain } from "@/lib/storage-domains/manage-storage-domains";
import { makeDomainFilesystem } from "@/lib/storage/loop-mounts";
import { addVm } from "@/lib/vms/add-vm";
import { addVmFromTemplate } from "@/lib/vms/add-vm-from-template";
import { addTemplateFromVm } from "@/lib/templates/add-template-from-vm";
import { moveDisks } from "@/lib/disks/move-disks";
import { waitForJob } from "@/lib/jobs/run-job";
import { volumePath } from "@/lib/storage/layout";
import { trashDir } from "@/lib/storage/trash";
import { GiB, MiB } from "@/lib/schemas/common";
import { median, report, seconds, sh } from "./measure";

async function finished<T extends { job: { id: string } }>(promise: Promise<T>) {
  const result = await promise;
  const job = await waitForJob(result.job.id);
  if (job.status !== "finished") throw new Error(`${job.description}: ${job.error}`);
  return result;
}

async function leafPath(diskId: string) {
  const v = await db.volume.findFirstOrThrow({ where: { diskId, leaf: true }, include: { storageDomain: true } });
  return { path: volumePath(v.storageDomain, diskId, v.id), domainId: v.storageDomainId, format: v.format };
}

/** One move of the disk to the other domain, through the domain layer, until its job is finished. */
async function timeOneMove(diskId: string, domains: string[]) {
  const { domainId } = await leafPath(diskId);
  const target = domains.find((d) => d !== domainId)!;
  sh("sync", []); // both sides start with no dirty pages waiting for writeback
  const elapsed = await seconds(() => finished(moveDisks({ moves: [{ diskId, storageDomainId: target }] }, systemActor)));
  await trashPurged(); // the freed source must not slow down whatever is measured next
  return elapsed;
}

async function trashPurged() {
  const domains = await db.storageDomain.findMany();
  while (domains.some((d) => existsSync(trashDir(d)) && readdirSync(trashDir(d)).length > 0)) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The same copy by hand: bare qemu-img convert of the disk's own file into the other domain. */
function timeBareCopy(source: string, format: string, targetDir: string) {
  const target = path.join(targetDir, `bare-${randomUUID()}`);
  sh("sync", []);
  const start = process.hrtime.bigint();
  sh("qemu-img", ["convert", "-f", format, "-O", format, source, target]);
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  // Like a move frees its source, free 1 GiB of written blocks: this disk is mounted with
  // online discard, and freeing slows the next writes, so both sides must leave the same wake.
  sh("sync", []);
  rmSync(target);
  return elapsed;
}

/**
 * Alternates bare copies and our moves of the same file (ABBA order, after one warm-up pair) so
 * both see the same cache and writeback conditions; this machine's I/O timings vary run to run.
 */
async function compareMoves(diskId: string, domains: { id: string; path: string }[], runs: number) {
  const ours: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const bareRun = async () => {
      const leaf = await leafPath(diskId);
      return timeBareCopy(leaf.path, leaf.format, domains.find((d) => d.id !== leaf.domainId)!.path);
    };
    const ourRun = () => timeOneMove(diskId, domains.map((d) => d.id));
    const [first, second] = i % 2 ? [ourRun, bareRun] : [bareRun, ourRun];
    const a = await first();
    const b = await second();
    if (i === 0) continue; // warm-up
    (i % 2 ? ours : bare).push(a);
    (i % 2 ? bare : ours).push(b);
  }
  console.log(`     samples (s): ours ${ours.map((t) => t.toFixed(2)).join(" ")}; bare ${bare.map((t) => t.toFixed(2)).join(" ")}`);
  return { ours: Math.min(...ours), bare: Math.min(...bare), oursMedian: median(ours), bareMedian: median(bare) };
}

export async function runStorageBenchmarks(dir: string) {
  const dc = await db.dataCenter.create({ data: { id: randomUUID(), name: "Bench" } });
  await db.cluster.create({ data: { id: randomUUID(), name: "Bench", dataCenterId: dc.id } });
  const domainRows = [];
  // Each domain on its own filesystem (loop-mounted as root), as real domains are.
  for (const name of ["bench-a", "bench-b", "bench-c"]) {
    const fs = await makeDomainFilesystem(dir, name, 24);
    domainRows.push(await addStorageDomain({ name, path: fs.path, storageType: fs.storageType, criticalSpaceGb: 0 }, systemActor));
  }
  const domains = domainRows.map((d) => d.id);

  // 1. A disk holding 1 GiB of data: our move against bare qemu-img convert of the same image.
  const full = await finished(addVm({ name: "bench-full", disks: [{ alias: "full", provisionedSize: 2 * GiB, storageDomainId: domains[0] }] }, systemActor));
  sh("qemu-io", ["-f", "qcow2", "-c", `write -P 0x5a 0 ${GiB}`, (await leafPath(full.diskIds[0])).path]);
  const fullRun = await compareMoves(full.diskIds[0], domainRows.slice(0, 2), 10);
  const ratio = fullRun.bareMedian / fullRun.oursMedian;
  report(
    "move of a disk holding 1 GiB (median of 10, interleaved with bare copies)",
    `${fullRun.oursMedian.toFixed(3)} s; bare qemu-img convert ${fullRun.bareMedian.toFixed(3)} s; ratio ${ratio.toFixed(3)} (best runs ${fullRun.ours.toFixed(3)} s / ${fullRun.bare.toFixed(3)} s)`,
    "ratio >= 0.95",
    ratio >= 0.95,
  );

  // 2. A 10 GiB thin disk holding 256 MiB: the copy must skip what was never written.
  const thin = await finished(addVm({ name: "bench-thin", disks: [{ alias: "thin", provisionedSize: 10 * GiB, storageDomainId: domains[0] }] }, systemActor));
  sh("qemu-io", ["-f", "qcow2", "-c", `write -P 0x33 ${3 * GiB} ${256 * MiB}`, (await leafPath(thin.diskIds[0])).path]);
  const plain = path.join(dir, "plain-256m.raw");
  sh("qemu-img", ["create", "-q", "-f", "raw", plain, `${256 * MiB}`]);
  sh("qemu-io", ["-f", "raw", "-c", `write -P 0x33 0 ${256 * MiB}`, plain]);
  const copies: number[] = [];
  const moves: number[] = [];
  for (let i = 0; i < 5; i++) {
    copies.push(timeBareCopy(plain, "raw", domainRows[2].path));
    moves.push(await timeOneMove(thin.diskIds[0], domains.slice(0, 2)));
  }
  const [copy256, thinMove] = [median(copies), median(moves)];
  report("move of a 10 GiB thin disk holding 256 MiB", `${thinMove.toFixed(2)} s; copying 256 MiB ${copy256.toFixed(2)} s; ${(thinMove / copy256).toFixed(2)}x`, "<= 2x", thinMove <= 2 * copy256);

  // 3. A VM from a 3-disk template, thin, each disk on its own domain.
  const seed = await finished(
    addVm({ name: "bench-seed", disks: domains.map((d, i) => ({ alias: `tpl-${i}`, provisionedSize: 20 * GiB, storageDomainId: d })) }, systemActor),
  );
  const template = await finished(addTemplateFromVm({ name: "bench-template", vmId: seed.vmId, disks: seed.diskIds.map((diskId, i) => ({ diskId, storageDomainId: domains[i] })) }, systemActor));
  const times = [];
  for (let i = 0; i < 5; i++) {
    const placements = template.diskIds.map((templateDiskId, d) => ({ templateDiskId, storageDomainId: domains[d], mode: "thin" as const }));
    times.push(await seconds(() => finished(addVmFromTemplate({ name: `bench-thin-vm-${i}`, templateId: template.templateId, disks: placements }, systemActor))));
  }
  const thinVm = median(times);
  report("VM from a 3-disk template, thin, on 3 domains (request to job finished)", `${(thinVm * 1000).toFixed(0)} ms median of 5`, "<= 1000 ms", thinVm <= 1);
}
