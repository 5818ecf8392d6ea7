"use client";

import { toast } from "sonner";

// The notifications of a job started from a form: one toast that says the job started, follows
// its progress and ends saying how it ended (the error when it failed), with a link to the job.

const TERMINAL = ["finished", "failed", "aborted"];

interface JobState {
  status: string;
  description: string;
  progress: number;
  error: string | null;
}

function linkTo(jobId: string) {
  return { label: "View job", onClick: () => window.location.assign(`/jobs#job-${jobId}`) };
}

export function followJob(jobId: string) {
  const id = toast.loading("Job started", { action: linkTo(jobId) });
  const poll = async (): Promise<void> => {
    const job = await fetch(`/api/jobs/${jobId}`, { cache: "no-store" }).then((r) => (r.ok ? (r.json() as Promise<JobState>) : null), () => null);
    if (job?.status === "finished") {
      toast.success(`Done: ${job.description}`, { id, action: linkTo(jobId), duration: 8000 });
      return;
    }
    if (job && TERMINAL.includes(job.status)) {
      toast.error(`${job.status === "aborted" ? "Cancelled" : "Failed"}: ${job.description}`, { id, description: job.error ?? undefined, action: linkTo(jobId), duration: 20000 });
      return;
    }
    if (job) toast.loading(`Started: ${job.description} (${job.progress} %)`, { id, action: linkTo(jobId) });
    setTimeout(poll, 1000);
  };
  void poll();
}

/** The job a server action started, if its result names one. */
export function startedJobId(data: unknown) {
  return data && typeof data === "object" && "jobId" in data && typeof data.jobId === "string" ? data.jobId : null;
}
