import "server-only";
import { reconcileVm } from "./reconcile-vm";

/**
 * Once a job ends, its VMs are brought in line with their processes: while the job held a VM,
 * the watchdog left its status to the job, so a QEMU that died meanwhile is accounted for here.
 * Registered with the jobs engine as a job-end hook (lib/operations).
 */
export async function reconcileVmsAfterJob(plan: { locked: { vms: Record<string, string> } }) {
  for (const [vmId, prior] of Object.entries(plan.locked.vms)) {
    if (prior === "down") continue; // a cold operation: no process involved
    await reconcileVm(vmId).catch((error) => console.error(`VM ${vmId}: reconcile after job failed`, error));
  }
}
