import "server-only";
import { db } from "@/lib/db";
import { systemActor } from "@/lib/actor";
import { recordEvent } from "@/lib/events";
import { deferCleanup } from "@/lib/storage-domains/pending-cleanups";
import { releaseReservations } from "@/lib/storage-domains/reservations";
import { undoOp } from "./execute-op";
import { operationOf } from "./operation";
import type { JobPlan } from "./plan";
import { restoreLockedRows } from "./commit-plan";
import { announceJobChange } from "./job-feed";

/**
 * Undoes an unfinished job: removes what its steps made (newest first), deletes the rows made
 * for it and restores the rows it locked. Safe to run again after a crash halfway through.
 * A file that cannot be removed now (its domain does not verify) is recorded and removed once
 * the domain is back.
 */
export async function rollbackJob(job: { id: string; description: string; actor: string }, plan: JobPlan, reason: string, status: "failed" | "aborted" = "failed") {
  const leftovers: string[] = [];
  const deferred: string[] = [];
  for (const op of [...plan.ops].reverse()) {
    await undoOp(op).catch((error: Error) => {
      leftovers.push(`${op.label}: ${error.message}`);
      deferred.push(...(operationOf(op).makes?.(op) ?? []));
    });
  }
  const actor = job.actor ? { name: job.actor } : systemActor;
  await db.$transaction(async (tx) => {
    await tx.snapshot.deleteMany({ where: { id: { in: plan.created.snapshots } } });
    await tx.disk.deleteMany({ where: { id: { in: plan.created.disks }, lockJobId: job.id } });
    await tx.vm.deleteMany({ where: { id: { in: plan.created.vms }, lockJobId: job.id } });
    await tx.template.deleteMany({ where: { id: { in: plan.created.templates }, lockJobId: job.id } });
    await restoreLockedRows(tx, job.id, plan);
    await releaseReservations(tx, job.id);
    await tx.vmHold.deleteMany({ where: { jobId: job.id } });
    await deferCleanup(tx, job.id, deferred);
    await tx.jobStep.updateMany({ where: { jobId: job.id, status: { in: ["pending", "running"] } }, data: { status: "failed", endedAt: new Date() } });
    await tx.job.update({ where: { id: job.id }, data: { status, error: reason, endedAt: new Date() } });
    await recordEvent(tx, actor, {
      action: status === "aborted" ? "job_aborted" : "job_failed",
      severity: status === "aborted" ? "warning" : "error",
      message: `${job.description}: ${status === "aborted" ? "cancelled" : "failed"} and was rolled back. ${reason}${leftovers.length ? ` Could not undo yet: ${leftovers.join("; ")} (what it made is removed once its storage domain verifies again).` : ""}`,
      objectType: "job",
      objectId: job.id,
      jobId: job.id,
    });
  });
  announceJobChange(job.id);
}
