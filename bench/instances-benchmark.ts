// Child process of `npm run bench` (bench/instances.ts starts it once per database, on a database
// of its own): the scale fixture served by one or two portal instances. Prints
// - REST GET /disks?max=100 under 20 concurrent clients (autocannon), through each instance;
// - the time for 200 small jobs (a thin VM from a template) sent through the instances;
// - the time from a job's progress write to its server-sent event reaching a client, the job
//   running on one instance and the client connected to another.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { openSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import autocannon from "autocannon";
import { db } from "@/lib/db";
import { admin, createDataCenter, leafOf } from "@/tests/support/fixtures";
import { ADMIN_NAME } from "@/lib/auth/users";
import { createSession } from "@/lib/auth/sessions";
import { SESSION_COOKIE } from "@/lib/session/cookie-name";
import { addStorageDomain } from "@/lib/storage-domains/manage-storage-domains";
import { makeDomainFilesystem } from "@/lib/storage/loop-mounts";
import { addVm } from "@/lib/vms/add-vm";
import { addTemplateFromVm } from "@/lib/templates/add-template-from-vm";
import { waitForJob } from "@/lib/jobs/run-job";
import { stopJobWorker } from "@/lib/jobs/job-worker";
import { ovfStoreSettled } from "@/lib/ovf-store/update-ovf-store";
import { report, reportPercentiles } from "./measure";
import { createScaleFixture } from "./scale-fixture";

const [label, instanceCount] = [process.argv[2], Number(process.argv[3])];
const dir = process.env.DATA_DIR!;
const GiB = 1024 ** 3;

function freePort() {
  return new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startInstance() {
  const port = await freePort();
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env: { ...process.env, NODE_ENV: "production", SEED_DEMO: "0", IMAGEIO_PORT: "0", DOMAIN_MONITOR_INTERVAL_SECONDS: "3600" },
    stdio: ["ignore", openSync(path.join(dir, `instance-${port}.log`), "a"), openSync(path.join(dir, `instance-${port}.log`), "a")],
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 900; i++) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return { base, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("a portal instance did not start");
}

async function bearer(base: string) {
  const body = new URLSearchParams({ grant_type: "password", scope: "ovirt-app-api", username: ADMIN_NAME, password: process.env.ADMIN_PASSWORD! });
  const reply = await fetch(`${base}/ovirt-engine/sso/oauth/token`, { method: "POST", body, headers: { Accept: "application/json" } });
  return `Bearer ${((await reply.json()) as { access_token: string }).access_token}`;
}

/** 20 clients for 10 s on one page of 100 disks; every answer must be a 200. */
async function diskPageLoad(base: string, authorization: string) {
  const result = await autocannon({
    url: `${base}/ovirt-engine/api/disks?max=100`,
    connections: 20,
    duration: 10,
    headers: { Authorization: authorization, Accept: "application/xml" },
  });
  if (result.non2xx || result.errors) throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result;
}

async function smallJobs(instances: { base: string; token: string }[], templateId: string, clusterId: string, count: number, prefix: string) {
  const started = Date.now();
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const { base, token } = instances[i % instances.length];
      const reply = await fetch(`${base}/ovirt-engine/api/vms`, {
        method: "POST",
        headers: { Authorization: token, "Content-Type": "application/xml", Accept: "application/xml", Version: "4" },
        body: `<vm><name>${prefix}-${i}</name><cluster id="${clusterId}"/><template id="${templateId}"/></vm>`,
      });
      if (reply.status !== 201) throw new Error(`POST /vms answered ${reply.status}: ${await reply.text()} (server logs: ${dir}/instance-*.log)`);
    }),
  );
  for (;;) {
    const open = await db.job.count({ where: { status: { in: ["pending", "running"] } } });
    if (!open) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const seconds = (Date.now() - started) / 1000;
  const failed = await db.job.findMany({ where: { status: { not: "finished" }, description: { contains: `${prefix}-` } }, select: { error: true } });
  if (failed.length) throw new Error(`${failed.length} of the ${count} jobs failed: ${[...new Set(failed.map((job) => job.error))].join(" | ")}`);
  return seconds;
}

/** Reads server-sent job events from `base` while `work` runs; each gets the ms since its write (updatedAt). */
async function collectEventDelays(base: string, cookie: string, work: () => Promise<unknown>) {
  const delays: number[] = [];
  const controller = new AbortController();
  const response = await fetch(`${base}/api/jobs/events`, { headers: { Cookie: cookie }, signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      const messages = buffer.split("\n\n");
      buffer = messages.pop()!;
      for (const message of messages) {
        const data = message.split("\n").find((line) => line.startsWith("data: "));
        if (!data) continue;
        const job = JSON.parse(data.slice(6)) as { status: string; updatedAt: string };
        if (job.status === "running") delays.push(Date.now() - new Date(job.updatedAt).getTime());
      }
    }
  })();
  await work();
  await new Promise((resolve) => setTimeout(resolve, 500));
  controller.abort();
  await reading;
  return delays;
}

const instances: { base: string; child: ChildProcess; token: string }[] = [];
try {
  await createScaleFixture();
  // A real domain, VM and template beside the rows: 200 thin VMs are made from it.
  const dc = await createDataCenter();
  const cluster = await db.cluster.findFirstOrThrow({ where: { dataCenterId: dc.id } });
  const fs = await makeDomainFilesystem(dir, "bench-jobs", 16);
  const domain = await addStorageDomain({ name: "bench-jobs", type: "data", path: fs.path, storageType: fs.storageType, criticalSpaceGb: 0 }, admin);
  const { vmId, job: vmJob } = await addVm({ name: "bench-base", clusterId: cluster.id, disks: [{ alias: "bench-base-disk", provisionedSize: GiB, storageDomainId: domain.id }] }, admin);
  await waitForJob(vmJob.id);
  const diskId = (await db.disk.findFirstOrThrow({ where: { attachments: { some: { vmId } } } })).id;
  execFileSync("qemu-io", ["-f", "qcow2", "-c", `write -P 0x5e 0 ${600 * 1024 ** 2}`, (await leafOf(diskId)).path], { stdio: "ignore" });
  const { templateId, job: templateJob } = await addTemplateFromVm({ name: "bench-template", vmId }, admin);
  await waitForJob(templateJob.id);
  // This process made the rows above as an instance would; from here on only the portal
  // instances write (no heartbeat of ours: on SQLite a second writer turns their transactions
  // into SQLITE_BUSY, which a single-instance portal never meets).
  await ovfStoreSettled();
  await stopJobWorker();

  for (let i = 0; i < instanceCount; i++) {
    const started = await startInstance();
    instances.push({ ...started, token: await bearer(started.base) });
  }

  for (const [i, instance] of instances.entries()) {
    await diskPageLoad(instance.base, instance.token); // warm-up
    const result = await diskPageLoad(instance.base, instance.token);
    report(
      `${label}, instance ${i + 1} of ${instances.length}: REST GET /disks?max=100 (40,000 disks), 20 concurrent clients`,
      `p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p97.5 ${result.latency.p97_5} ms, ${Math.round(result.requests.average)} req/s`,
      "p50 <= 20 ms, p95 <= 50 ms (held to it at p97.5: autocannon has no p95)",
      result.latency.p50 <= 20 && result.latency.p97_5 <= 50,
    );
  }

  const one = await smallJobs(instances.slice(0, 1), templateId, cluster.id, 200, "one");
  console.log(`     ${label}: 200 thin VMs from a template through 1 instance: ${one.toFixed(1)} s (${(200 / one).toFixed(1)} jobs/s)`);
  if (instances.length > 1) {
    const two = await smallJobs(instances, templateId, cluster.id, 200, "two");
    report(`${label}: 200 thin VMs through 2 instances against 1`, `${two.toFixed(1)} s (${(200 / two).toFixed(1)} jobs/s), ${(one / two).toFixed(2)}x`, "faster than one (> 1.0x); 2 cores here", one / two > 1);
  }

  // Progress to the browser: a move runs on the first instance; the events are read on the last.
  const { id: userId } = await db.user.findUniqueOrThrow({ where: { name: ADMIN_NAME } });
  const cookie = `${SESSION_COOKIE}=${(await createSession(userId)).token}`;
  const target = await addStorageDomain({ name: "bench-jobs-2", type: "data", ...(await makeDomainFilesystem(dir, "bench-jobs-2", 16).then((f) => ({ path: f.path, storageType: f.storageType }))), criticalSpaceGb: 0 }, admin);
  const move = () => fetch(`${instances[0].base}/ovirt-engine/api/disks/${diskId}/move?async=false`, {
    method: "POST",
    headers: { Authorization: instances[0].token, "Content-Type": "application/xml", Accept: "application/xml", Version: "4" },
    body: `<action><storage_domain id="${target.id}"/></action>`,
  });
  const delays = await collectEventDelays(instances.at(-1)!.base, cookie, move);
  reportPercentiles(`${label}: a progress write to its event at a client${instances.length > 1 ? " of another instance" : ""} (${delays.length} events)`, delays, 300, 300);
} finally {
  for (const { child } of instances) process.kill(-child.pid!, "SIGTERM");
  await db.$disconnect();
}
process.exit(0);
