import "server-only";
import { randomUUID } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/actor";
import { recordEvent } from "@/lib/events";
import { serializePlan, type JobPlan } from "./plan";
import { instance } from "./instance";
import { leaseUntil, releasePendingJob } from "./leases";
import { deliverJob } from "./job-worker";
import { planHost } from "./plan-host";
import { announceJobChange } from "./job-feed";
import { planDomainIds, planSourceImages } from "./plan-storage";
import { requireDomainsVerified } from "@/lib/storage-domains/domain-health";
import { reserveSpace } from "@/lib/storage-domains/reservations";
import { requireImagesIntact } from "@/lib/disks/image-health";

export interface NewJob {
  type: string;
  description: string;
  actor: Actor;
  correlationId?: string;
  plan: JobPlan;
  /** Makes the rows the job creates (locked, with lockJobId = jobId) inside the same transaction. */
  createRows?: (tx: Tx, jobId: string) => Promise<void>;
  objectType?: "vm" | "template" | "disk" | "storage_domain";
  objectId?: string;
}

async function lockRows(
  tx: Tx,
  jobId: string,
  table: "disk" | "vm" | "template",
  prior: Record<string, string>,
  lockedStatus: string | null,
) {
  for (const [id, status] of Object.entries(prior)) {
    // Compare-and-set: only a row nobody locks (nor, for a VM, holds), still in the status the checks saw.
    const { count } = await (tx[table] as unknown as {
      updateMany(args: object): Promise<{ count: number }>;
    }).updateMany({
      where: { id, lockJobId: null, status, ...(table === "vm" ? { holds: { none: {} } } : {}) },
      data: { lockJobId: jobId, ...(lockedStatus ? { status: lockedStatus } : {}) },
    });
    if (count !== 1) {
      const what = table === "disk" ? "Disk" : table === "vm" ? "VM" : "Template";
      throw new AppError(table === "disk" ? "DISK_LOCKED" : "CONFLICT", `${what} ${id} is locked by another operation or changed meanwhile.`);
    }
  }
}

/** Shared holds: the VM must be unlocked and in the status the checks saw; other holders are fine. */
async function holdVms(tx: Tx, jobId: string, prior: Record<string, string>) {
  for (const [vmId, status] of Object.entries(prior)) {
    // The no-op update takes the row's write lock, so a concurrent exclusive locker waits for us.
    const { count } = await tx.vm.updateMany({ where: { id: vmId, lockJobId: null, status }, data: { status } });
    if (count !== 1) throw new AppError("CONFLICT", `VM ${vmId} is locked by another operation or changed meanwhile.`);
    await tx.vmHold.create({ data: { id: randomUUID(), vmId, jobId } });
  }
}

/**
 * Verifies every domain the plan touches and every image it reads, then takes the locks,
 * reserves space on the target domains, makes the job's rows and the job itself in one
 * transaction, and hands the job to a worker. Either all of it is recorded or nothing is.
 */
export async function createJob(input: NewJob) {
  const jobId = randomUUID();
  const what = `${input.description.charAt(0).toLowerCase()}${input.description.slice(1)}`;
  await requireDomainsVerified(planDomainIds(input.plan), `start ${what}`);
  // After the domains: a file missing from an unmounted domain must not turn its disk illegal.
  await requireImagesIntact(planSourceImages(input.plan), `start ${what}`);
  const host = await planHost(input.plan);
  const stepNames = input.plan.ops.length ? input.plan.ops.map((op) => op.label) : ["Update the database"];
  const job = await db.$transaction(async (tx) => {
    const created = await tx.job.create({
      data: {
        id: jobId,
        type: input.type,
        description: input.description,
        status: "pending",
        payload: serializePlan(input.plan),
        correlationId: input.correlationId,
        actor: input.actor.name,
        // Ours until a worker claims it; if none does before this expires, recovery rolls it back.
        leaseOwner: instance.id,
        leaseExpiresAt: leaseUntil(),
        host,
        steps: { create: stepNames.map((name, position) => ({ id: randomUUID(), name, position })) },
      },
      include: { steps: true },
    });
    await lockRows(tx, jobId, "disk", input.plan.locked.disks, "locked");
    await lockRows(tx, jobId, "vm", input.plan.locked.vms, null);
    await lockRows(tx, jobId, "template", input.plan.locked.templates, "locked");
    await holdVms(tx, jobId, input.plan.shared?.vms ?? {});
    await input.createRows?.(tx, jobId);
    await reserveSpace(tx, jobId, input.plan, what);
    await recordEvent(tx, input.actor, {
      action: input.type,
      message: `${input.description}: started.`,
      objectType: input.objectType,
      objectId: input.objectId,
      jobId,
    });
    return created;
  });
  announceJobChange(job.id);
  await deliverJob(job).catch(async (error) => {
    console.error(`job ${job.id}: not delivered (recovery rolls it back)`, error);
    await releasePendingJob(job.id);
  });
  return job;
}
