"use client";

import { toast } from "sonner";
import { listenToJobs } from "@/components/job-events";

// The notifications of a job started from a form: one toast that says the job started, follows
// its progress as the server pushes it and ends saying how it ended (the error when it failed),
// with a link to the job.

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
  let ended = false;
  const show = (job: JobState) => {
    if (ended) return;
    if (job.status === "finished") {
      ended = true;
      toast.success(`Done: ${job.description}`, { id, action: linkTo(jobId), duration: 8000 });
    } else if (TERMINAL.includes(job.status)) {
      ended = true;
      toast.error(`${job.status === "aborted" ? "Cancelled" : "Failed"}: ${job.description}`, { id, description: job.error ?? undefined, action: linkTo(jobId), duration: 20000 });
    } else {
      toast.loading(`Started: ${job.description} (${job.progress} %)`, { id, action: linkTo(jobId) });
    }
    if (ended) stop();
  };
  // Read once on each (re)connect, for what happened before the stream was open; then pushed.
  const read = async () => {
    const job = await fetch(`/api/jobs/${jobId}`, { cache: "no-store" }).then((r) => (r.ok ? (r.json() as Promise<JobState>) : null), () => null);
    if (job) show(job);
  };
  const stop = listenToJobs({
    onJob: (job) => {
      if (job.id === jobId && job.description !== undefined) show(job as JobState);
    },
    onConnect: read,
  });
  void read();
}

/** The job a server action started, if its result names one. */
export function startedJobId(data: unknown) {
  return data && typeof data === "object" && "jobId" in data && typeof data.jobId === "string" ? data.jobId : null;
}
