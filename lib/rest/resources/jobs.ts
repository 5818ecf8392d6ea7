import "server-only";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { getJob, listJobs } from "@/lib/queries/list-jobs";
import type { RestQuery } from "../query";
import { commonTerms, limit, matchesAll, parseSearch } from "../search";
import { jobNode, stepNode, visibleSteps } from "../serialize/job";
import { followSet } from "./pages";

// /jobs (newest first), /jobs/{id} and their steps. Clients poll
// /jobs?search=correlation_id=X until no job is "started".

const SEARCH_KEYS = ["correlation_id", "status", "id"] as const;
// Without a correlation id only the newest jobs are of interest; older ones stay in the portal.
const NEWEST = 500;

export async function jobNodes(actor: Actor, query: RestQuery) {
  const search = parseSearch(query.search, SEARCH_KEYS);
  const follow = followSet(query.follow, ["steps"]);
  if (search.some((terms) => terms.correlation_id?.includes("*"))) throw new AppError("VALIDATION", "Search by correlation_id takes an exact value.");
  // A single correlation id is looked up in the database; alternatives are matched among the newest.
  const correlationId = commonTerms(search).correlation_id;
  const jobs = await listJobs(actor, { correlationId, take: NEWEST });
  const matching = jobs.filter((job) =>
    matchesAll(search, { id: job.id, correlation_id: job.correlationId, status: job.status === "pending" || job.status === "running" ? "started" : job.status }),
  );
  return limit(matching, query.max).map((job) => jobNode(job, follow.has("steps")));
}

export async function jobEntityNode(actor: Actor, id: string, follow: string[] = []) {
  return jobNode(await getJob(id, actor), followSet(follow, ["steps"]).has("steps"));
}

export async function stepNodes(actor: Actor, jobId: string) {
  const job = await getJob(jobId, actor);
  return visibleSteps(job).map((s) => stepNode(job.id, s, job.type === "external"));
}

export async function stepEntityNode(actor: Actor, jobId: string, stepId: string) {
  const job = await getJob(jobId, actor);
  const step = visibleSteps(job).find((s) => s.id === stepId);
  if (!step) throw new AppError("NOT_FOUND", `Step ${stepId} doesn't exist in job ${jobId}.`);
  return stepNode(job.id, step, job.type === "external");
}
