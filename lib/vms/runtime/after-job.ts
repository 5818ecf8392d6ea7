import "server-only";
import { db } from "@/lib/db";
import type { AfterCommitAction, JobPlan } from "@/lib/jobs/plan";
import { reconcileVm } from "./reconcile-vm";
import { stopQemu } from "./stop-qemu";

async function runAfterCommit(action: AfterCommitAction) {
  // The memory state is committed; the paused QEMU it came from has nothing left to do.
  await stopQemu(action.vm);
  await db.vm.updateMany({ where: { id: action.vm.id, runtimePid: action.vm.runtimePid }, data: { runtimePid: null, qmpSocket: null, runtimeStartedAt: null } });
}

/**
 * Once a job ends, its VMs are brought in line with their processes: while the job held a VM,
 * the watchdog left its status to the job, so a QEMU that died meanwhile is accounted for here.
 */
export async function settleVmsAfterJob(plan: JobPlan, committed: boolean) {
  if (committed) {
    for (const action of plan.afterCommit ?? []) {
      await runAfterCommit(action).catch((error) => console.error(`after-commit ${action.kind} of VM ${action.vm.name} failed`, error));
    }
  }
  for (const [vmId, prior] of Object.entries(plan.locked.vms)) {
    if (prior === "down") continue; // a cold operation: no process involved
    await reconcileVm(vmId).catch((error) => console.error(`VM ${vmId}: reconcile after job failed`, error));
  }
}
