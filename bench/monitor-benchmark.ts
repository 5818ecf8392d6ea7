import { randomUUID } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { env } from "@/lib/env";
import { addStorageDomain } from "@/lib/storage-domains/manage-storage-domains";
import { requireDomainsVerified } from "@/lib/storage-domains/domain-health";
import { runMonitorCycle, startDomainMonitor, stopDomainMonitor } from "@/lib/storage-domains/monitor";
import { loopMountsUnavailable, makeDomainFilesystem } from "@/lib/storage/loop-mounts";
import { volumePath } from "@/lib/storage/layout";
import { GiB } from "@/lib/schemas/common";
import { median, report, seconds } from "./measure";

// The domain monitor's price and speed: one round over 50 domains holding 40 disks each (every
// volume file listed and matched with the database), and how long an unmounted domain stays
// unnoticed at the default interval.

async function fiftyDomains(dir: string) {
  const ids: string[] = [];
  for (let i = 0; i < 50; i++) {
    const domainPath = path.join(dir, "monitor", `sd-${i}`);
    mkdirSync(domainPath, { recursive: true });
    const domain = await addStorageDomain({ name: `monitor-sd-${i}`, path: domainPath, criticalSpaceGb: 0 }, systemActor);
    const disks = Array.from({ length: 40 }, (_, d) => ({ id: randomUUID(), alias: `monitor-${i}-${d}`, provisionedSize: BigInt(GiB), format: "qcow2", allocation: "thin" }));
    const volumes = disks.map((disk) => ({ id: randomUUID(), diskId: disk.id, storageDomainId: domain.id, format: "qcow2", capacity: disk.provisionedSize }));
    await db.disk.createMany({ data: disks });
    await db.volume.createMany({ data: volumes });
    for (const volume of volumes) {
      const file = volumePath(domain, volume.diskId, volume.id);
      mkdirSync(path.dirname(file));
      writeFileSync(file, "");
      writeFileSync(`${file}.meta`, "");
    }
    ids.push(domain.id);
  }
  return ids;
}

async function timeToDetect(domain: { id: string; path: string }, image: string) {
  execFileSync("umount", ["-l", domain.path]);
  const start = process.hrtime.bigint();
  try {
    for (;;) {
      const { status } = await db.storageDomain.findUniqueOrThrow({ where: { id: domain.id } });
      if (status === "inactive") return Number(process.hrtime.bigint() - start) / 1e9;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    execFileSync("mount", ["-o", "loop", image, domain.path]);
    await runMonitorCycle(); // back to active before the next sample
  }
}

export async function runMonitorBenchmarks(dir: string) {
  await fiftyDomains(dir);
  await runMonitorCycle(); // warm-up
  const rounds: number[] = [];
  let count = 0;
  for (let i = 0; i < 10; i++) rounds.push(await seconds(async () => (count = await runMonitorCycle())));
  const roundMs = median(rounds) * 1000;
  const per50 = (roundMs / count) * 50;
  report("domain monitor, one round (metadata, probe write, statfs, image scan of 40 disks each)", `${per50.toFixed(0)} ms per 50 domains (${roundMs.toFixed(0)} ms for ${count}, median of 10)`, "<= 500 ms, 5 % of the 10 s interval", per50 <= 500);

  const noLoop = loopMountsUnavailable();
  if (noLoop) {
    console.log(`     unmount detection skipped: ${noLoop}`);
    return;
  }
  const fs = await makeDomainFilesystem(dir, "bench-watch", 1);
  const watched = await addStorageDomain({ name: "bench-watch", path: fs.path, storageType: fs.storageType, criticalSpaceGb: 0 }, systemActor);
  const image = path.join(dir, "loop", "bench-watch.img");

  execFileSync("umount", ["-l", watched.path]);
  const refused = await seconds(() => requireDomainsVerified([watched.id], "bench").catch(() => undefined));
  execFileSync("mount", ["-o", "loop", image, watched.path]);
  await runMonitorCycle();
  report("an operation on an unmounted domain is refused after", `${(refused * 1000).toFixed(1)} ms`, "<= 100 ms", refused <= 0.1);

  const interval = env.DOMAIN_MONITOR_INTERVAL_SECONDS;
  startDomainMonitor();
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) samples.push(await timeToDetect(watched, image));
  await stopDomainMonitor();
  const worst = Math.max(...samples);
  report(`time until the monitor turns an unmounted domain inactive (interval ${interval} s)`, `${samples.map((s) => s.toFixed(2)).join(" / ")} s, worst ${worst.toFixed(2)} s`, `<= interval + 1 s`, worst <= interval + 1);
}
