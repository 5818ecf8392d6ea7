// Child process of the live-move crash tests: starts a move of the given disks and reports
// READY <jobId> at the stage asked for; the test then kills it (SIGKILL of its process group).
//   stage "copying":   a storage step runs, the mirror has not started
//   stage "mirroring": the mirror runs (its step shows progress)
//   stage "switched":  the devices are on their targets, the job has not committed
//                      (run with MULTISTORE_FAILPOINT=live-move:switched)
import { db } from "@/lib/db";
import { moveDisks } from "@/lib/disks/move-disks";
import { admin } from "@/tests/support/fixtures";

const [stage, ...pairs] = process.argv.slice(2);
const moves = pairs.map((pair) => {
  const [diskId, storageDomainId] = pair.split(":");
  return { diskId, storageDomainId };
});
const { job } = await moveDisks({ moves }, admin);
const originalLog = console.log.bind(console);
let switched = false;
console.log = (...args: unknown[]) => {
  if (String(args[0]).startsWith("FAILPOINT live-move:switched")) switched = true;
  else originalLog(...args);
};
for (;;) {
  const steps = await db.jobStep.findMany({ where: { jobId: job.id }, orderBy: { position: "asc" } });
  const live = steps.at(-1)!;
  const reached =
    stage === "copying" ? steps.some((s) => s.status === "running" && s !== live) : stage === "mirroring" ? live.status === "running" && live.progress >= 5 : switched;
  if (reached) break;
  const ended = await db.job.findUniqueOrThrow({ where: { id: job.id } });
  if (ended.status !== "pending" && ended.status !== "running") {
    originalLog(`ENDED ${ended.status}: ${ended.error}`);
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 10));
}
originalLog(`READY ${job.id}`);
setInterval(() => undefined, 1000);
