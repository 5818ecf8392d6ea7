import "server-only";
import { recoverJobs } from "@/lib/jobs/recover-jobs";
import { recoverVms } from "@/lib/vms/runtime/recover-vms";
import { seedDemoData } from "@/lib/demo/seed-demo";
import { env } from "@/lib/env";
import { ensureAdminUser } from "@/lib/auth/users";

/**
 * Runs once when the server starts, before it serves: job recovery first (it undoes half-done
 * runtime steps too), then the running VMs are found again, then demo data.
 */
export async function startPortal() {
  const recovered = await recoverJobs();
  if (recovered.rolledBack || recovered.restored.length || recovered.orphans.length) {
    console.log(`recovery: ${recovered.rolledBack} job(s) rolled back, ${recovered.restored.length} volume(s) restored, ${recovered.orphans.length} orphan volume(s) removed`);
  }
  const vms = await recoverVms();
  if (vms.running.length || vms.wentDown.length || vms.leftoversStopped.length || vms.strays.length) {
    console.log(`runtime: ${vms.running.length} VM(s) still running, ${vms.wentDown.length} down (process gone), ${vms.leftoversStopped.length + vms.strays.length} leftover QEMU process(es) stopped`);
  }
  await ensureAdminUser();
  if (env.SEED_DEMO === "1" && (await seedDemoData())) console.log("demo data created");
}
