import "server-only";
// Registers every kind of job step with the jobs engine before a job is recovered or run.
import "@/lib/operations";
import { recoverJobs } from "@/lib/jobs/recover-jobs";
import { otherLiveInstanceOnThisHost, registerInstance } from "@/lib/jobs/instance";
import { startJobWorker, startRecoverySweeper } from "@/lib/jobs/job-worker";
import { recoverVms } from "@/lib/vms/runtime/recover-vms";
import { seedDemoData } from "@/lib/demo/seed-demo";
import { env } from "@/lib/env";
import { ensureAdminUser } from "@/lib/auth/users";
import { runMonitorCycle, startDomainMonitor } from "@/lib/storage-domains/monitor";
import { ensureDemoMounts } from "@/lib/demo/demo-mounts";
import { startImageioServer } from "@/lib/image-transfers/imageio-server";

/**
 * Runs once when the server starts, before it serves: the demo's loop mounts come back (after a
 * reboot), recovery of jobs no live instance runs (it undoes half-done runtime steps too), one
 * round of the domain monitor, then the running VMs are found again (by the first instance of
 * this host only: a later one finds them served), then demo data; then the job worker starts
 * taking jobs, recovery sweeps periodically and the monitor runs on its interval.
 */
export async function startPortal() {
  await ensureDemoMounts();
  await registerInstance();
  // Before it recovers: another instance on this host already serves its VMs (and is running).
  const firstOnHost = !(await otherLiveInstanceOnThisHost());
  const recovered = await recoverJobs();
  if (recovered.rolledBack || recovered.resumed || recovered.restored.length) {
    console.log(`recovery: ${recovered.resumed} job(s) resumed, ${recovered.rolledBack} rolled back, ${recovered.restored.length} volume(s) restored`);
  }
  await runMonitorCycle();
  if (firstOnHost) {
    const vms = await recoverVms();
    if (vms.running.length || vms.wentDown.length || vms.leftoversStopped.length || vms.strays.length) {
      console.log(`runtime: ${vms.running.length} VM(s) still running, ${vms.wentDown.length} down (process gone), ${vms.leftoversStopped.length + vms.strays.length} leftover QEMU process(es) stopped`);
    }
  }
  await ensureAdminUser();
  if (env.SEED_DEMO === "1" && (await seedDemoData())) console.log("demo data created");
  await startJobWorker();
  startRecoverySweeper();
  startDomainMonitor();
  await startImageioServer();
}
