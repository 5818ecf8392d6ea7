import "server-only";
import { db } from "@/lib/db";
import { DomainUnavailableError } from "@/lib/storage/domain-identity";
import { trashNameOf } from "@/lib/storage/trash";
import { settleDomainTrash } from "@/lib/storage-domains/settle-domain-trash";
import { verifyDomain } from "@/lib/storage-domains/domain-health";
import type { Job } from "@/lib/generated/prisma/client";
import { deadInstancesOnThisHost, instance, otherLiveInstance } from "./instance";
import { holdLease, releaseLease, takeOverJob } from "./leases";
import { operationOf } from "./operation";
import { startClaimedJob } from "./run-job";
import { systemActor } from "@/lib/actor";
import { recordEvent } from "@/lib/events";
import { parsePlan, type JobPlan } from "./plan";
import { rollbackJob } from "./rollback";
import { passedPointOfNoReturn } from "./point-of-no-return";
import { rollForward } from "./roll-forward";
import { EXTERNAL } from "./external-jobs";

/**
 * Recovery of jobs nobody runs any more: at start-up and then periodically, on every instance.
 * A job is taken over only once its owner's lease has expired (or the owner's process is gone
 * from this host), by a compare-and-set on that lease, so exactly one instance recovers it and
 * never one another live instance still runs. A job commits in one transaction, so an unfinished
 * one had not taken effect. One whose steps can all run again (storage steps: a copy restarts its
 * copy) goes on from its last finished step, here; any other is rolled back (what it made on a
 * domain that does not verify now is recorded and removed when the domain is back), unless it
 * passed its point of no return (a live merge QEMU completed): that one is finished instead.
 *
 * Trashed volumes the database still owns (a commit that never happened) are put back first, as
 * the undo steps may need them (a live move mirrors back into its source): every domain's whole
 * trash when no other instance is alive, else only the taken-over job's. Nothing else is
 * removed: files no job made are reported by the domain monitor, never deleted.
 */
export async function recoverJobs() {
  const restored = (await otherLiveInstance()) ? [] : await settleTrashes();
  let rolledForward = 0;
  let rolledBack = 0;
  let resumed = 0;
  for (const job of await lapsedJobs()) {
    if (!(await takeOverJob(job))) continue; // another instance was first
    holdLease(job.id);
    let handedOver = false;
    try {
      const plan = parsePlan(job.payload);
      restored.push(...(await settleJobTrash(plan)));
      if (await passedPointOfNoReturn(plan).catch(() => false)) {
        // A live merge QEMU finished (or half finished) meanwhile: it is completed, not undone.
        await rollForward(job, plan).then(
          () => rolledForward++,
          (error) => console.error(`job ${job.id}: rolling forward failed; tried again at the next recovery`, error),
        );
        continue;
      }
      if (resumable(plan)) {
        // Every step can run again over a half-done run: the job goes on from its last finished step.
        await recordEvent(db, systemActor, {
          action: "job_resumed",
          severity: "warning",
          message: `${job.description}: the portal instance running it stopped; resumed from its last finished step.`,
          objectType: "job",
          objectId: job.id,
          jobId: job.id,
        });
        await startClaimedJob(job.id);
        handedOver = true;
        resumed++;
        continue;
      }
      await rollbackJob(job, plan, "Interrupted: the portal instance running it stopped; rolled back.");
      rolledBack++;
    } finally {
      if (!handedOver) releaseLease(job.id);
    }
  }
  return { rolledBack, rolledForward, resumed, restored };
}

/** A job whose every step can run again resumes; one with a step on a VM's QEMU or a client (an upload) rolls back. */
function resumable(plan: JobPlan) {
  return plan.ops.length > 0 && plan.ops.every((op) => operationOf(op).resumable === true);
}

/** Unfinished jobs of this host (or of any) whose lease lapsed, or whose owner died on this host. */
async function lapsedJobs(): Promise<Job[]> {
  const dead = await deadInstancesOnThisHost();
  return db.job.findMany({
    where: {
      status: { in: ["pending", "running"] },
      type: { not: EXTERNAL }, // a client runs and ends those
      AND: [
        { OR: [{ host: null }, { host: instance.host }] },
        // Our own running jobs are alive; our own pending one past its deadline was never delivered.
        { OR: [{ leaseOwner: null }, { leaseOwner: { not: instance.id } }, { status: "pending" }] },
        { OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: new Date() } }, { leaseOwner: { in: dead } }] },
      ],
    },
    orderBy: { createdAt: "asc" },
  });
}

async function settleJobTrash(plan: JobPlan) {
  if (!plan.removeAfterCommit.length) return [];
  const names = new Set(plan.removeAfterCommit.map(trashNameOf));
  return settleVerifiedDomains((domain) => settleDomainTrash(domain, names));
}

async function settleTrashes() {
  return settleVerifiedDomains((domain) => settleDomainTrash(domain));
}

async function settleVerifiedDomains(settle: (domain: { id: string; path: string }) => Promise<string[]>) {
  const all: string[] = [];
  for (const domain of await db.storageDomain.findMany()) {
    const verified = await verifyDomain(domain).then(() => true, (error) => {
      if (error instanceof DomainUnavailableError) return false;
      throw error;
    });
    if (!verified) continue; // settled by the monitor once the domain is back
    all.push(...(await settle(domain)));
  }
  return all;
}
