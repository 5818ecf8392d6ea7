import { ProgressBar } from "@/components/ui/progress-bar";
import { StatusBadge } from "@/components/ui/status-badge";
import type { JobRow } from "@/lib/queries/list-jobs";
import type { ActionResult } from "@/lib/action-result";
import { ConfirmActionButton } from "./confirm-action-button";

/** Jobs with their steps and progress (re-rendered every second while any runs); running ones can be cancelled. */
export function JobList({ jobs, compact, cancelAction }: { jobs: JobRow[]; compact?: boolean; cancelAction: (jobId: string) => Promise<ActionResult<unknown>> }) {
  return (
    <ul aria-label={compact ? "Running jobs" : "Jobs"} className="space-y-2">
      {jobs.map((job) => (
        <li key={job.id} id={compact ? undefined : `job-${job.id}`} className="scroll-mt-4 rounded border border-slate-200 bg-white p-2 text-sm">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="font-medium">{job.description}</span>
            <span className="flex items-center gap-2">
              <StatusBadge status={job.status} />
              <ProgressBar value={job.progress} label={`Job: ${job.description}`} />
              {(job.status === "pending" || job.status === "running") && (
                <ConfirmActionButton label="Cancel" title={`Cancel: ${job.description}`} confirmLabel="Cancel the job" danger action={cancelAction.bind(null, job.id)}>
                  <p>The job stops and everything it did so far is undone: copies are removed, a disk being moved live stays on its source domain and the VM keeps running.</p>
                </ConfirmActionButton>
              )}
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
