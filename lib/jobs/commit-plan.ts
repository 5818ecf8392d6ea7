import "server-only";
import { db, type Tx } from "@/lib/db";
import { imageInfo } from "@/lib/storage/driver";
import type { JobPlan } from "./plan";

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
  for (const path of paths) sizes.set(path, BigInt((await imageInfo(path)).actualSize));
  return sizes;
}

/** Applies a finished job's database changes in one transaction. */
export async function commitPlan(jobId: string, plan: JobPlan) {
  const madeVolumes = plan.ops.flatMap((op) => ((op.kind === "create" || op.kind === "copy") && op.record ? [{ ...op.record, path: op.path }] : []));
  const sizes = await actualSizes([...madeVolumes.map((v) => v.path), ...plan.commit.refreshVolumes.map((v) => v.path)]);
  const { commit, created } = plan;

  await db.$transaction(async (tx) => {
    await tx.volume.deleteMany({ where: { id: { in: commit.deleteVolumes } } });
    for (const { path, ...record } of madeVolumes) {
      await tx.volume.create({ data: { ...record, legality: "legal", actualSize: sizes.get(path) ?? 0n } });
    }
    for (const { id, ...change } of commit.updateVolumes) await tx.volume.update({ where: { id }, data: change });
    for (const { id, path } of commit.refreshVolumes) {
      await tx.volume.update({ where: { id }, data: { actualSize: sizes.get(path) ?? 0n } });
    }
    await tx.diskAttachment.deleteMany({ where: { id: { in: commit.deleteAttachments } } });
    await tx.snapshot.deleteMany({ where: { id: { in: commit.deleteSnapshots } } });
    await tx.disk.deleteMany({ where: { id: { in: commit.deleteDisks } } });
    await tx.vm.deleteMany({ where: { id: { in: commit.deleteVms } } });
    await tx.template.deleteMany({ where: { id: { in: commit.deleteTemplates } } });

    await tx.vm.updateMany({ where: { id: { in: created.vms }, lockJobId: jobId }, data: { status: "down", lockJobId: null } });
    await tx.template.updateMany({ where: { id: { in: created.templates }, lockJobId: jobId }, data: { status: "ok", lockJobId: null } });
    await tx.disk.updateMany({ where: { id: { in: created.disks }, lockJobId: jobId }, data: { status: "ok", lockJobId: null } });
    await tx.snapshot.updateMany({ where: { id: { in: created.snapshots } }, data: { status: "ok" } });
    await restoreLockedRows(tx, jobId, plan);

    const { count } = await tx.job.updateMany({ where: { id: jobId, status: "running" }, data: { status: "committed", progress: 100 } });
    if (count !== 1) throw new Error(`Job ${jobId} is no longer running; not committing.`);
  });
}
