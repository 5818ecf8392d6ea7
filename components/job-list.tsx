import { ProgressBar } from "@/components/ui/progress-bar";
import { StatusBadge } from "@/components/ui/status-badge";
import type { JobRow } from "@/lib/queries/list-jobs";

/** Jobs with their steps and progress (re-rendered every second while any runs). */
export function JobList({ jobs, compact }: { jobs: JobRow[]; compact?: boolean }) {
  return (
    <ul aria-label={compact ? "Running jobs" : "Jobs"} className="space-y-2">
      {jobs.map((job) => (
        <li key={job.id} className="rounded border border-slate-200 bg-white p-2 text-sm">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="font-medium">{job.description}</span>
            <span className="flex items-center gap-2">
              <StatusBadge status={job.status} />
              <ProgressBar value={job.progress} label={`Job: ${job.description}`} />
            </span>
          </div>
          {!compact && (
            <div className="mt-1 text-xs text-slate-500">
              {job.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC · by {job.actor}
              {job.correlationId ? ` · correlation ${job.correlationId}` : ""}
            </div>
          )}
          {job.error && <div className="mt-1 text-xs text-red-700">{job.error}</div>}
          <ol className="mt-1 space-y-0.5 pl-4 text-xs text-slate-700">
            {job.steps.map((step) => (
              <li key={step.id} className="flex items-center justify-between gap-2">
                <span>{step.name}</span>
                <span className="flex items-center gap-2">
                  <StatusBadge status={step.status} />
                  {step.status === "running" && <ProgressBar value={step.progress} label={`Step: ${step.name}`} />}
                </span>
              </li>
            ))}
          </ol>
        </li>
      ))}
      {jobs.length === 0 && <li className="text-sm text-slate-500">No jobs.</li>}
    </ul>
  );
}
