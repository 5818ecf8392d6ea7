import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { db, onPostgresql } from "@/lib/db";
import { addVm } from "@/lib/vms/add-vm";
import { admin, createDomains, filesOn, finished, GiB, leafOf, MiB, readsPattern, testDir, writePattern } from "@/tests/support/fixtures";

// Two portal servers (`next start` on the built app) on one PostgreSQL database and one data
// directory, as behind a load balancer. SQLite is the one-process embedded default.

const PASSWORD = "instances-test-password";
const LEASE_SECONDS = 3;

interface Instance {
  base: string;
  process: ChildProcess;
  output: string[];
  id: string;
}

function freePort() {
  return new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Every server started here, killed after the tests even when a start failed halfway. */
const spawned: ChildProcess[] = [];

async function startInstance(extraEnv: Record<string, string> = {}): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATA_DIR: testDir(),
      SEED_DEMO: "0",
      IMAGEIO_PORT: "0",
      ADMIN_PASSWORD: PASSWORD,
      TOKEN_SECRET: "instances-test-token-secret-0123456789abcdef",
      JOB_LEASE_SECONDS: String(LEASE_SECONDS),
      ...extraEnv,
    },
    detached: true, // its own process group: a kill takes its qemu-img children down too, as a host crash would
    stdio: ["ignore", "pipe", "pipe"],
  });
  spawned.push(child);
  const output: string[] = [];
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk));
  const base = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; ) {
    const health = await fetch(`${base}/api/health`).then((r) => (r.ok ? (r.json() as Promise<{ instance: string }>) : null), () => null);
    if (health) return { base, process: child, output, id: health.instance };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`portal instance did not start:\n${output.join("")}`);
}

function kill(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    return Promise.resolve(); // already gone
  }
  return exited;
}

async function bearer(instance: Instance) {
  const body = new URLSearchParams({ grant_type: "password", scope: "ovirt-app-api", username: "admin@internal", password: PASSWORD });
  const reply = await fetch(`${instance.base}/ovirt-engine/sso/oauth/token`, { method: "POST", body, headers: { Accept: "application/json" } });
  expect(reply.status).toBe(200);
  return `Bearer ${((await reply.json()) as { access_token: string }).access_token}`;
}

async function post(instance: Instance, token: string, path: string, xml: string) {
  const reply = await fetch(`${instance.base}/ovirt-engine/api${path}`, {
    method: "POST",
    body: xml,
    headers: { Authorization: token, "Content-Type": "application/xml", Accept: "application/xml", Version: "4" },
  });
  const text = await reply.text();
  return { status: reply.status, text, jobId: text.match(/<job [^>]*id="([^"]+)"/)?.[1] ?? null };
}

async function until<T>(what: string, read: () => Promise<T | null | undefined | false>, timeoutMs = 60_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    const value = await read();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const ended = (ids: string[]) => until("the jobs to end", async () => {
  const jobs = await db.job.findMany({ where: { id: { in: ids } } });
  return jobs.length === ids.length && jobs.every((job) => !["pending", "running"].includes(job.status)) && jobs;
});

describe.skipIf(!onPostgresql || !existsSync(".next/BUILD_ID"))("two portal instances on one PostgreSQL database", () => {
  let domains: Awaited<ReturnType<typeof createDomains>>;
  let a: Instance;
  let b: Instance;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    domains = await createDomains(3);
    // Started together, as an orchestrator would: both recover and create the admin at once.
    [a, b] = await Promise.all([startInstance(), startInstance()]);
    [tokenA, tokenB] = await Promise.all([bearer(a), bearer(b)]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(spawned.map(kill));
  });

  it("a job created through either instance runs exactly once, on one of them", async () => {
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        post(i % 2 ? b : a, i % 2 ? tokenB : tokenA, "/disks", `<disk><name>once-${i}</name><provisioned_size>${64 * MiB}</provisioned_size><format>cow</format><storage_domains><storage_domain id="${domains.data[i % 3].id}"/></storage_domains></disk>`),
      ),
    );
    for (const reply of replies) expect(reply.status, reply.text).toBe(201);
    const disks = await until("the new disks to be ok", async () => {
      const rows = await db.disk.findMany({ where: { alias: { startsWith: "once-" } } });
      return rows.length === 12 && rows.every((disk) => disk.status === "ok") && rows;
    });
    const jobs = await db.job.findMany({ where: { type: "add_disk", description: { contains: "once-" } }, include: { steps: true } });
    expect(jobs).toHaveLength(12);
    for (const job of jobs) {
      expect(job.status).toBe("finished");
      expect([a.id, b.id]).toContain(job.leaseOwner);
      expect(job.steps.every((step) => step.status === "finished")).toBe(true);
    }
    // One commit each: one finished event per job, one volume per disk.
    const events = await db.event.findMany({ where: { action: "job_finished", jobId: { in: jobs.map((job) => job.id) } } });
    expect(events).toHaveLength(12);
    expect(await db.volume.count({ where: { diskId: { in: disks.map((disk) => disk.id) } } })).toBe(12);
  });

  it("100 conflicting requests spread over both instances: exactly one wins, the others get 409", async () => {
    // The same new disk, by the client-chosen id the engine accepts, asked for 100 times at once.
    const id = randomUUID();
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        post(i % 2 ? b : a, i % 2 ? tokenB : tokenA, "/disks", `<disk id="${id}"><name>contended-${i}</name><provisioned_size>${GiB}</provisioned_size><format>cow</format><storage_domains><storage_domain id="${domains.data[i % 3].id}"/></storage_domains></disk>`),
      ),
    );
    const won = replies.filter((reply) => reply.status === 201);
    expect(won, replies.map((r) => `${r.status} ${r.text.slice(0, 200)}`).join("\n")).toHaveLength(1);
    for (const reply of replies.filter((r) => r.status !== 201)) {
      expect(reply.status, reply.text).toBe(409);
      expect(reply.text).toMatch(/<fault>[\s\S]*already/);
    }
    const disk = await until("the disk to be ok", async () => {
      const row = await db.disk.findUnique({ where: { id }, include: { volumes: true } });
      return row?.status === "ok" && row;
    });
    expect(disk.volumes).toHaveLength(1);
    expect(await db.job.count({ where: { type: "add_disk", description: { contains: "contended-" } } })).toBe(1);
  });

  it("kill -9 of the instance running a 3-disk move: another resumes it once the lease lapses (the copies restart) and finishes it, nothing locked or left behind, data intact", async () => {
    const { diskIds } = await finished(addVm({ name: "ha", disks: domains.data.map((d, i) => ({ alias: `ha-${i}`, provisionedSize: GiB, storageDomainId: d.id })) }, admin));
    for (const [i, id] of diskIds.entries()) writePattern((await leafOf(id)).path, "qcow2", 0x31 + i, 0, 256 * MiB);
    const filesOf = (id: string) => domains.data.map((domain) => filesOn(domain).filter((file) => file.includes(id)));
    const before = diskIds.map(filesOf);

    // A third instance joins, as if on another machine (so only its lease tells it died); it stops
    // every copy it runs once the target is written, before it is verified.
    const c = await startInstance({ MULTISTORE_FAILPOINT: "copy:converted", PORTAL_HOST: "another-machine" });
    const token = await bearer(c);
    const replies = [];
    for (const [i, id] of diskIds.entries()) replies.push(await post(c, token, `/disks/${id}/move`, `<action><storage_domain id="${domains.data[(i + 1) % 3].id}"/></action>`));
    for (const reply of replies) expect(reply.status, reply.text).toBe(202);
    const jobIds = replies.map((reply) => reply.jobId!);
    // Each job hangs on c, or ran on a or b (the queue may hand it to them).
    await until("every job to hang on c or end elsewhere", async () => {
      const jobs = await db.job.findMany({ where: { id: { in: jobIds } } });
      const onC = jobs.filter((job) => job.leaseOwner === c.id && job.status === "running").length;
      const endedElsewhere = jobs.filter((job) => job.leaseOwner !== c.id && job.status === "finished").length;
      const hung = c.output.join("").split("FAILPOINT copy:converted").length - 1;
      return onC + endedElsewhere === 3 && hung === onC;
    });
    const ranOnC = (await db.job.findMany({ where: { id: { in: jobIds }, leaseOwner: c.id } })).map((job) => job.id);
    expect(ranOnC.length).toBeGreaterThan(0);

    const killedAt = Date.now();
    await kill(c.process);
    const jobs = await ended(jobIds);
    // Not before its last lease ran out (renewed every second), and soon after.
    const recoveredAfter = Date.now() - killedAt;
    expect(recoveredAfter).toBeGreaterThan((LEASE_SECONDS - 1) * 1000);
    expect(recoveredAfter).toBeLessThan((LEASE_SECONDS + 10) * 1000);

    for (const [i, id] of diskIds.entries()) {
      const job = jobs.find((j) => j.id === jobIds[i])!;
      expect(await db.disk.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "ok", lockJobId: null });
      const leaf = await leafOf(id);
      expect(readsPattern(leaf.path, 0x31 + i, 0, 256 * MiB)).toBe(true);
      if (!ranOnC.includes(job.id)) {
        expect(job.status).toBe("finished");
        continue;
      }
      expect(job.status).toBe("finished");
      expect([a.id, b.id]).toContain(job.leaseOwner);
      expect(await db.event.count({ where: { jobId: job.id, action: "job_resumed" } })).toBe(1);
      expect(leaf.domain.id).toBe(domains.data[(i + 1) % 3].id);
      // The disk's files are on its target only: the source went after the commit, and the copy
      // restarted over the one c wrote, so nothing of it is left beside.
      const files = filesOf(id);
      expect(files[i]).toEqual([]);
      expect(before[i][i].length).toBeGreaterThan(0);
      expect(files[(i + 1) % 3].map((file) => file.replace(/.*\//, "")).sort()).toEqual(before[i][i].map((file) => file.replace(/.*\//, "")).sort());
      expect(files[(i + 2) % 3]).toEqual([]);
    }
    expect(await db.vmHold.count()).toBe(0);
  }, 180_000);
});
