import { JobList } from "@/components/job-list";
import { listJobs } from "@/lib/queries/list-jobs";

/** The tasks panel under every page: what is running now. */
export async function RunningJobs() {
  const jobs = await listJobs({ active: true, take: 10 });
  if (!jobs.length) return null;
  return (
    <section aria-label="Tasks" className="mt-6 border-t border-slate-200 pt-3">
      <h2 className="mb-2 text-sm font-semibold">Tasks</h2>
      <JobList jobs={jobs} compact />
    </section>
  );
}
