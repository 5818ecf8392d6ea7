import { JobList } from "@/components/job-list";
import { listJobs } from "@/lib/queries/list-jobs";
import type { Actor } from "@/lib/actor";
import type { ActionResult } from "@/lib/action-result";

/** The tasks panel under every page: what is running now. */
export async function RunningJobs({ actor, cancelAction }: { actor: Actor; cancelAction: (jobId: string) => Promise<ActionResult<unknown>> }) {
  const jobs = await listJobs(actor, { active: true, take: 10 });
  if (!jobs.length) return null;
  return (
    <section aria-label="Tasks" className="mt-6 border-t border-slate-200 pt-3">
      <h2 className="mb-2 text-sm font-semibold">Tasks</h2>
      <JobList jobs={jobs} compact cancelAction={cancelAction} />
    </section>
  );
}
