import "server-only";
import { recoverJobs } from "@/lib/jobs/recover-jobs";
import { recoverVms } from "@/lib/vms/runtime/recover-vms";
import { seedDemoData } from "@/lib/demo/seed-demo";
import { env } from "@/lib/env";
import { ensureAdminUser } from "@/lib/auth/users";
import { runMonitorCycle, startDomainMonitor } from "@/lib/storage-domains/monitor";
import { ensureDemoMounts } from "@/lib/demo/demo-mounts";
import { startImageioServer } from "@/lib/image-transfers/imageio-server";

/**
 * Runs once when the server starts, before it serves: the demo's loop mounts come back (after a
 * reboot), job recovery (it undoes half-done runtime steps too), one round of the domain monitor,
 * then the running VMs are found again, then demo data; the monitor then runs on its interval.
 */
export async function startPortal() {
  await ensureDemoMounts();
  const recovered = await recoverJobs();
  if (recovered.rolledBack || recovered.restored.length) {
    console.log(`recovery: ${recovered.rolledBack} job(s) rolled back, ${recovered.restored.length} volume(s) restored`);
  }
  await runMonitorCycle();
  const vms = await recoverVms();
  if (vms.running.length || vms.wentDown.length || vms.leftoversStopped.length || vms.strays.length) {
    console.log(`runtime: ${vms.running.length} VM(s) still running, ${vms.wentDown.length} down (process gone), ${vms.leftoversStopped.length + vms.strays.length} leftover QEMU process(es) stopped`);
  }
  await ensureAdminUser();
  if (env.SEED_DEMO === "1" && (await seedDemoData())) console.log("demo data created");
  startDomainMonitor();
  await startImageioServer();
}
