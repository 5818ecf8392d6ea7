import "server-only";
import { db } from "@/lib/db";
import { recordEvent } from "@/lib/events";
import { removeVolume } from "@/lib/storage/driver";
import type { JobPlan } from "./plan";

/** After the commit: removes the files the job replaced (idempotent) and closes the job. */
export async function finishCommittedJob(job: { id: string; description: string; actor: string }, plan: JobPlan) {
  const leftovers: string[] = [];
  for (const file of plan.removeAfterCommit) {
    await removeVolume(file).catch(() => leftovers.push(file));
  }
  await db.$transaction(async (tx) => {
    await tx.job.update({ where: { id: job.id }, data: { status: "finished", progress: 100, endedAt: new Date() } });
    await recordEvent(tx, { name: job.actor }, {
      action: "job_finished",
      severity: leftovers.length ? "warning" : "normal",
      message: leftovers.length
        ? `${job.description}: finished; could not remove ${leftovers.join(", ")} (start-up recovery will).`
        : `${job.description}: finished.`,
      objectType: "job",
      objectId: job.id,
      jobId: job.id,
    });
  });
}
