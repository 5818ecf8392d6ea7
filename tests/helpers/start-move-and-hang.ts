// Child process of the crash-recovery test: starts a move of one disk, reports READY once the
// copy is under way, and then waits to be killed (SIGKILL of its whole process group).
import { db } from "@/lib/db";
import { moveDisks } from "@/lib/disks/move-disks";
import { admin } from "@/tests/support/fixtures";

const [diskId, storageDomainId] = process.argv.slice(2);
const { job } = await moveDisks({ moves: [{ diskId, storageDomainId }] }, admin);
for (;;) {
  const step = await db.jobStep.findFirst({ where: { jobId: job.id, status: "running" } });
  if (step) break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
console.log(`READY ${job.id}`);
setInterval(() => undefined, 1000);
