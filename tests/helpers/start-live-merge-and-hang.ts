// Child process of the live-merge crash tests: starts the delete of a snapshot of a running VM and
// reports READY <jobId> at the stage asked for; the test then kills it (SIGKILL).
//   stage "streaming": QEMU's stream runs (its step shows progress)
//   stage "streamed":  QEMU completed it, the job has not committed
//                      (run with MULTISTORE_FAILPOINT=live-merge:streamed)
import { db } from "@/lib/db";
import { deleteSnapshot } from "@/lib/snapshots/delete-snapshot";
import { admin } from "@/tests/support/fixtures";

const [stage, vmId, snapshotId] = process.argv.slice(2);
const originalLog = console.log.bind(console);
let streamed = false;
console.log = (...args: unknown[]) => {
  if (String(args[0]).startsWith("FAILPOINT live-merge:streamed")) streamed = true;
  else originalLog(...args);
};
const { job } = await deleteSnapshot({ vmId, snapshotId }, admin);
for (;;) {
  const step = (await db.jobStep.findMany({ where: { jobId: job.id }, orderBy: { position: "asc" } })).at(-1)!;
  if (stage === "streamed" ? streamed : step.status === "running" && step.progress >= 1) break;
  await new Promise((resolve) => setTimeout(resolve, 10));
}
originalLog(`READY ${job.id}`);
setInterval(() => undefined, 1000);
