import "server-only";
import { registerOperations } from "@/lib/jobs/operation";
import { emptyPlan, type JobPlan } from "@/lib/jobs/plan";
import { storageSteps, type StorageOp } from "@/lib/storage/storage-steps";
import { runtimeAfterCommit, runtimeSteps, type AfterCommitAction, type RuntimeOp } from "@/lib/vms/runtime/runtime-steps";
import { reconcileVmsAfterJob } from "@/lib/vms/runtime/after-job";
import { transferSteps, type TransferOp } from "@/lib/image-transfers/transfer-steps";
import { ovaSteps, type OvaOp } from "@/lib/ova/ova-steps";
import { updateOvfsAfterJob } from "@/lib/ovf-store/update-ovf-store";

// Every kind of job step, registered with the jobs engine when this module loads. Whatever makes
// plans imports it (for `newPlan`), and the portal's start-up does, so a recovered job parses.

registerOperations([...storageSteps, ...runtimeSteps, ...transferSteps, ...ovaSteps], [...runtimeAfterCommit], [reconcileVmsAfterJob, updateOvfsAfterJob]);

export type JobOp = StorageOp | RuntimeOp | TransferOp | OvaOp;
/** A plan as the code that builds it sees it: every step typed by its kind. */
export type Plan = JobPlan<JobOp, AfterCommitAction>;

export function newPlan(): Plan {
  return emptyPlan<JobOp, AfterCommitAction>();
}
