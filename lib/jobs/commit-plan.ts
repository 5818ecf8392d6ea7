import "server-only";
import { db, type Tx } from "@/lib/db";
import { recordEvent } from "@/lib/events";
import { allocatedBytes } from "@/lib/storage/driver";
import { madeVolume } from "./operation";
import type { JobPlan } from "./plan";
import { releaseReservations } from "@/lib/storage-domains/reservations";
import { deferCleanup } from "@/lib/storage-domains/pending-cleanups";
import { instance } from "./instance";
import { announceJobChange } from "./job-feed";

async function releaseLocks(tx: Tx, jobId: string, table: "disk" | "vm" | "template", prior: Record<string, string>) {
  const model = tx[table] as unknown as { updateMany(args: object): Promise<unknown> };
  for (const [id, status] of Object.entries(prior)) {
    await model.updateMany({ where: { id, lockJobId: jobId }, data: { lockJobId: null, status } });
  }
}

/** Gives back every lock the job holds and restores the statuses it found. */
export async function restoreLockedRows(tx: Tx, jobId: string, plan: JobPlan) {
  await releaseLocks(tx, jobId, "disk", plan.locked.disks);
  await releaseLocks(tx, jobId, "vm", plan.locked.vms);
  await releaseLocks(tx, jobId, "template", plan.locked.templates);
}

async function actualSizes(paths: string[]) {
  const sizes = new Map<string, bigint>();
  for (const path of paths) sizes.set(path, BigInt(await allocatedBytes(path)));
  return sizes;
}

/**
 * Applies a job's database changes and closes the job, in one transaction: the single point
 * where the operation takes effect. `leftovers` are replaced files that could not be retired.
 */
export async function commitPlan(job: { id: string; description: string; actor: string }, plan: JobPlan, leftovers: string[]) {
  const jobId = job.id;
  const madeVolumes = plan.ops.flatMap((op) => {
    const made = madeVolume(op);
    return made ? [{ ...made.record, path: made.path, capacity: BigInt(made.capacity) }] : [];
  });
  const sizes = await actualSizes([...madeVolumes.map((v) => v.path), ...plan.commit.refreshVolumes.map((v) => v.path)]);
  const { commit, created } = plan;

  await db.$transaction(async (tx) => {
    // Only the statements this plan needs: a commit sits on every job's critical path.
    if (commit.deleteVolumes.length) await tx.volume.deleteMany({ where: { id: { in: commit.deleteVolumes } } });
    for (const { path, ...record } of madeVolumes) {
      await tx.volume.create({ data: { ...record, legality: "legal", actualSize: sizes.get(path) ?? 0n } });
    }
    for (const { id, ...change } of commit.updateVolumes) await tx.volume.update({ where: { id }, data: change });
    for (const { id, path } of commit.refreshVolumes) {
      await tx.volume.update({ where: { id }, data: { actualSize: sizes.get(path) ?? 0n } });
    }
    if (commit.deleteAttachments.length) await tx.diskAttachment.deleteMany({ where: { id: { in: commit.deleteAttachments } } });
    for (const attachment of commit.createAttachments ?? []) await tx.diskAttachment.create({ data: attachment });
    if (commit.deleteSnapshots.length) await tx.snapshot.deleteMany({ where: { id: { in: commit.deleteSnapshots } } });
    if (commit.deleteDisks.length) await tx.disk.deleteMany({ where: { id: { in: commit.deleteDisks } } });
    if (commit.deleteVms.length) await tx.vm.deleteMany({ where: { id: { in: commit.deleteVms } } });
    if (commit.deleteTemplates.length) await tx.template.deleteMany({ where: { id: { in: commit.deleteTemplates } } });

    if (created.vms.length) await tx.vm.updateMany({ where: { id: { in: created.vms }, lockJobId: jobId }, data: { status: "down", lockJobId: null } });
    if (created.templates.length) await tx.template.updateMany({ where: { id: { in: created.templates }, lockJobId: jobId }, data: { status: "ok", lockJobId: null } });
    if (created.disks.length) await tx.disk.updateMany({ where: { id: { in: created.disks }, lockJobId: jobId }, data: { status: "ok", lockJobId: null } });
    if (created.snapshots.length) await tx.snapshot.updateMany({ where: { id: { in: created.snapshots } }, data: { status: "ok" } });
    await restoreLockedRows(tx, jobId, plan);
    await releaseReservations(tx, jobId);
    await tx.vmHold.deleteMany({ where: { jobId: jobId } });
    await deferCleanup(tx, jobId, leftovers);
    // After the locks: they give back the status each VM had, this sets the one it ends in.
    for (const { id, ...change } of commit.updateVms ?? []) await tx.vm.update({ where: { id }, data: change });

    // Fenced by the lease: an instance that lost the job to another cannot commit it.
    const { count } = await tx.job.updateMany({ where: { id: jobId, status: { in: ["pending", "running"] }, leaseOwner: instance.id }, data: { status: "finished", progress: 100, endedAt: new Date() } });
    if (count !== 1) throw new Error(`Job ${jobId} is no longer running here; not committing.`);
    if (!plan.ops.length) await tx.jobStep.updateMany({ where: { jobId }, data: { status: "finished", progress: 100, endedAt: new Date() } });
    await recordEvent(tx, { name: job.actor }, {
      action: "job_finished",
      severity: leftovers.length ? "warning" : "normal",
      message: leftovers.length
        ? `${job.description}: finished; could not remove ${leftovers.join(", ")} (removed once its storage domain verifies again).`
        : `${job.description}: finished.`,
      objectType: "job",
      objectId: jobId,
      jobId,
    });
  });
  announceJobChange(jobId);
}
