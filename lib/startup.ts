import "server-only";
import { recoverJobs } from "@/lib/jobs/recover-jobs";
import { seedDemoData } from "@/lib/demo/seed-demo";
import { env } from "@/lib/env";
import { ensureAdminUser } from "@/lib/auth/users";

/** Runs once when the server starts, before it serves: recovery first, then demo data. */
export async function startPortal() {
  const recovered = await recoverJobs();
  if (recovered.rolledBack || recovered.restored.length || recovered.orphans.length) {
    console.log(`recovery: ${recovered.rolledBack} job(s) rolled back, ${recovered.restored.length} volume(s) restored, ${recovered.orphans.length} orphan volume(s) removed`);
  }
  await ensureAdminUser();
  if (env.SEED_DEMO === "1" && (await seedDemoData())) console.log("demo data created");
}
