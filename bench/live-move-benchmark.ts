import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { addStorageDomain } from "@/lib/storage-domains/manage-storage-domains";
import { makeDomainFilesystem, trimFilesystem } from "@/lib/storage/loop-mounts";
import { addVm } from "@/lib/vms/add-vm";
import { moveDisks } from "@/lib/disks/move-disks";
import { waitForJob } from "@/lib/jobs/run-job";
import { volumePath } from "@/lib/storage/layout";
import { startVm } from "@/lib/vms/runtime/start-vm";
import { powerOffVm } from "@/lib/vms/runtime/power-off-vm";
import { GiB, MiB } from "@/lib/schemas/common";
import { ensureBenchDataCenter } from "./bench-data-center";
import { median, report, seconds, sh } from "./measure";

// Live storage migration against a cold move of the same disk, and one 3-disk live job against
// three single live moves. Every run goes one way and the next comes back, alternating live and
// cold, so both meet the same cache and writeback conditions. A move counts as done once its
// data is durable (a sync inside the timing): the mirror flushes its target before the switch,
// while qemu-img convert leaves its writes in the page cache (the cold move's trash is freed only
// once they are on disk). Without that sync, the cold move looks 4x faster than it is.

async function moved(moves: { diskId: string; storageDomainId: string }[]) {
  // Give the blocks earlier moves freed back to the host disk (the images are sparse files).
  for (const domain of await db.storageDomain.findMany()) await trimFilesystem(domain.path);
  sh("sync", []);
  let jobId = "";
  const elapsed = await seconds(async () => {
    const { job } = await moveDisks({ moves }, systemActor);
    jobId = job.id;
    const ended = await waitForJob(job.id);
    if (ended.status !== "finished") throw new Error(`${ended.description}: ${ended.error}`);
    // Done means durable: the mirror flushes its target before the switch, qemu-img convert does not.
    sh("sync", []);
  });
  const switched = await db.event.findFirst({ where: { action: "live_move_switched", createdAt: { gte: new Date(Date.now() - elapsed * 1000 - 1000) } }, orderBy: { id: "desc" } });
  const pausedMs = jobId && switched ? Number(switched.message.match(/paused for (\d+) ms/)?.[1]) : null;
  return { elapsed, pausedMs };
}

async function domainOf(diskId: string) {
  return (await db.volume.findFirstOrThrow({ where: { diskId, leaf: true } })).storageDomainId;
}

async function leafFile(diskId: string) {
  const v = await db.volume.findFirstOrThrow({ where: { diskId, leaf: true }, include: { storageDomain: true } });
  return volumePath(v.storageDomain, diskId, v.id);
}

export async function runLiveMoveBenchmarks(dir: string) {
  await ensureBenchDataCenter();
  const domains = [];
  for (const name of ["live-a", "live-b", "live-c", "live-d"]) {
    const fs = await makeDomainFilesystem(dir, name, 12);
    domains.push(await addStorageDomain({ name, path: fs.path, storageType: fs.storageType, criticalSpaceGb: 0 }, systemActor));
  }
  const [a, b, c, d] = domains;

  // 1. One disk holding 1 GiB: live (VM up) against cold (VM down), 4 of each.
  const one = await addVm({ name: `bench-live-${randomUUID().slice(0, 4)}`, memoryMb: 128, disks: [{ alias: "live-1g", provisionedSize: 2 * GiB, storageDomainId: a.id }] }, systemActor);
  await waitForJob(one.job.id);
  const diskId = one.diskIds[0];
  sh("qemu-io", ["-f", "qcow2", "-c", `write -P 0x5a 0 ${GiB}`, await leafFile(diskId)]);
  const cold: number[] = [];
  const live: number[] = [];
  const pauses: number[] = [];
  for (let i = 0; i < 8; i++) {
    const target = (await domainOf(diskId)) === a.id ? b.id : a.id;
    const isLive = i % 2 === 1;
    if (isLive) await startVm({ vmId: one.vmId }, systemActor);
    const run = await moved([{ diskId, storageDomainId: target }]);
    if (isLive) {
      await powerOffVm({ vmId: one.vmId }, systemActor);
      live.push(run.elapsed);
      if (run.pausedMs !== null) pauses.push(run.pausedMs);
    } else cold.push(run.elapsed);
  }
  const ratio = median(live) / median(cold);
  report("live move of a disk holding 1 GiB (VM running) against a cold move", `${median(live).toFixed(2)} s vs ${median(cold).toFixed(2)} s, ${ratio.toFixed(2)}x (medians of 4)`, "<= 1.3x", ratio <= 1.3);
  const pause = Math.max(...pauses);
  report("guest paused at the switch of a live move", `${median(pauses).toFixed(0)} ms median, ${pause.toFixed(0)} ms worst of ${pauses.length}`, "<= 100 ms", pause <= 100);

  // 2. Three disks of one running VM (256 MiB written each) to three domains: one job against three.
  const three = await addVm({ name: `bench-live3-${randomUUID().slice(0, 4)}`, memoryMb: 128, disks: [0, 1, 2].map((i) => ({ alias: `live3-${i}`, provisionedSize: GiB, storageDomainId: a.id })) }, systemActor);
  await waitForJob(three.job.id);
  for (const id of three.diskIds) sh("qemu-io", ["-f", "qcow2", "-c", `write -P 0x3c 0 ${256 * MiB}`, await leafFile(id)]);
  await startVm({ vmId: three.vmId }, systemActor);
  const targets = [b.id, c.id, d.id];
  const singles: number[] = [];
  const together: number[] = [];
  for (let round = 0; round < 2; round++) {
    let sum = 0;
    for (const [i, id] of three.diskIds.entries()) sum += (await moved([{ diskId: id, storageDomainId: targets[i] }])).elapsed;
    singles.push(sum);
    await moved(three.diskIds.map((id) => ({ diskId: id, storageDomainId: a.id }))); // back, untimed
    together.push((await moved(three.diskIds.map((id, i) => ({ diskId: id, storageDomainId: targets[i] })))).elapsed);
    await moved(three.diskIds.map((id) => ({ diskId: id, storageDomainId: a.id })));
  }
  await powerOffVm({ vmId: three.vmId }, systemActor);
  const share = median(together) / median(singles);
  report(
    "live move of 3 disks of one VM to 3 domains in one job, against 3 single live moves in a row",
    `${median(together).toFixed(2)} s vs ${median(singles).toFixed(2)} s, ${share.toFixed(2)}x (the three mirrors run side by side; one disk under all domains here)`,
    "< 1.0x",
    share < 1,
  );
}
