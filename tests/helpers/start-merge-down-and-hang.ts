// Child process of the raw-base merge crash test: starts the delete of a raw disk's snapshot and
// reports READY <jobId> once the overlay is merged down into the base, before the job commits
// (run with MULTISTORE_FAILPOINT=merge-down:committed); the test then kills it (SIGKILL).
import { deleteSnapshot } from "@/lib/snapshots/delete-snapshot";
import { admin } from "@/tests/support/fixtures";

const [vmId, snapshotId] = process.argv.slice(2);
const originalLog = console.log.bind(console);
let merged = false;
console.log = (...args: unknown[]) => {
  if (String(args[0]).startsWith("FAILPOINT merge-down:committed")) merged = true;
  else originalLog(...args);
};
const jobId = (await deleteSnapshot({ vmId, snapshotId }, admin)).job.id;
while (!merged) await new Promise((resolve) => setTimeout(resolve, 10));
originalLog(`READY ${jobId}`);
setInterval(() => undefined, 1000);
