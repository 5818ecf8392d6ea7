import "server-only";
import { waitForJob } from "@/lib/jobs/run-job";
import { href } from "./hrefs";
import { faultDocument } from "./fault";
import type { RestQuery } from "./query";
import type { RestReply } from "./reply";
import type { OutNode } from "./wire/tree";

// The answer to anything that starts a job: at once (202, status pending, the job to poll),
// or with ?async=false once the job has ended.

interface JobReplyOptions {
  /** Entities the action made or touched, e.g. the new disk of a copy. */
  extra?: OutNode;
  /** DELETE must answer exactly 200 (the SDKs reject 202 there). */
  status?: 200 | 202;
}

export async function jobActionReply(job: { id: string }, query: RestQuery, options: JobReplyOptions = {}): Promise<RestReply> {
  const jobRef = { "@href": href.job(job.id), "@id": job.id };
  if (query.async !== false) {
    return { status: options.status ?? 202, document: { root: "action", node: { ...options.extra, job: jobRef, status: "pending" } } };
  }
  const ended = await waitForJob(job.id);
  if (ended.status === "finished") return { status: 200, document: { root: "action", node: { ...options.extra, job: jobRef, status: "complete" } } };
  const fault = faultDocument("Operation Failed", `${ended.description} failed: ${ended.error ?? "unknown error"}`).node;
  return { status: 500, document: { root: "action", node: { ...options.extra, job: jobRef, fault, status: "failed" } } };
}
