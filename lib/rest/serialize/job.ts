import type { JobRow } from "@/lib/queries/list-jobs";
import { href, links, ref, wireDate } from "../hrefs";
import type { OutNode } from "../wire/tree";

type Step = JobRow["steps"][number];

// oVirt's job statuses are started, finished, failed, aborted: pending and running are both "started".
const jobStatus = (status: string) => (status === "pending" || status === "running" ? "started" : status);

export function jobNode(job: JobRow, followSteps = false): OutNode {
  const base = href.job(job.id);
  return {
    "@href": base,
    "@id": job.id,
    description: job.description,
    link: followSteps ? undefined : links(base, ["steps"]),
    auto_cleared: true,
    start_time: wireDate(job.startedAt ?? job.createdAt),
    end_time: wireDate(job.endedAt),
    external: job.type === "external",
    last_updated: wireDate(job.updatedAt),
    status: jobStatus(job.status),
    steps: followSteps ? { step: visibleSteps(job).map((s) => stepNode(job.id, s, job.type === "external")) } : undefined,
  };
}

/** Steps appear once they start, as in oVirt; the ones still waiting are not listed. */
export function visibleSteps(job: JobRow) {
  return job.steps.filter((s) => s.status !== "pending");
}

export function stepNode(jobId: string, step: Step, external = false): OutNode {
  return {
    "@href": href.step(jobId, step.id),
    "@id": step.id,
    description: step.name,
    end_time: wireDate(step.endedAt),
    external,
    number: step.position + 1,
    progress: step.progress,
    start_time: wireDate(step.startedAt),
    status: jobStatus(step.status),
    type: external ? "unknown" : "executing",
    job: ref("job", jobId),
  };
}
