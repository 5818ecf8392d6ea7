import "server-only";
import { db } from "@/lib/db";
import { DomainUnavailableError } from "@/lib/storage/domain-identity";
import { settleDomainTrash } from "@/lib/storage-domains/settle-domain-trash";
import { verifyDomain } from "@/lib/storage-domains/domain-health";
import { parsePlan } from "./plan";
import { rollbackJob } from "./rollback";
import { passedPointOfNoReturn } from "./point-of-no-return";
import { rollForward } from "./roll-forward";
import { activeJobCount } from "./run-job";

/**
 * Start-up recovery. First the trash of every verified domain is settled: volumes the database
 * still owns (a commit that never happened) are put back, the rest freed; the undo steps that
 * follow may need them (a live move mirrors back into its source). A job commits in one
 * transaction, so an unfinished one had not taken effect: it is rolled back (what it made on a
 * domain that does not verify now is recorded and removed when the domain is back), unless it
 * passed its point of no return (a live merge QEMU completed): that one is finished instead. Nothing
 * else is removed: files no job made are reported by the domain monitor, never deleted. Must
 * run before any job starts.
 */
export async function recoverJobs() {
  if (activeJobCount() > 0) throw new Error("recoverJobs must run before any job starts");
  const restored = await settleTrashes();
  const unfinished = await db.job.findMany({ where: { status: { in: ["pending", "running"] } } });
  let rolledForward = 0;
  let rolledBack = 0;
  for (const job of unfinished) {
    const plan = parsePlan(job.payload);
    if (await passedPointOfNoReturn(plan).catch(() => false)) {
      // A live merge QEMU finished (or half finished) meanwhile: it is completed, not undone.
      await rollForward(job, plan).then(
        () => rolledForward++,
        (error) => console.error(`job ${job.id}: rolling forward failed; tried again at the next start`, error),
      );
      continue;
    }
    await rollbackJob(job, plan, "Interrupted by a restart of the portal; rolled back.");
    rolledBack++;
  }
  return { rolledBack, rolledForward, restored };
}

async function settleTrashes() {
  const all: string[] = [];
  for (const domain of await db.storageDomain.findMany()) {
    const verified = await verifyDomain(domain).then(() => true, (error) => {
      if (error instanceof DomainUnavailableError) return false;
      throw error;
    });
    if (!verified) continue; // settled by the monitor once the domain is back
    all.push(...(await settleDomainTrash(domain)));
  }
  return all;
}
