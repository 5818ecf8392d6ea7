import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { requirePermission } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events";
import { newPlan } from "@/lib/operations";
import { getJob } from "@/lib/queries/list-jobs";
import { parseInput } from "@/lib/schemas/parse";
import { announceJobChange } from "./job-feed";
import { serializePlan } from "./plan";

// External jobs, as the engine keeps them for scripts (Ansible's ovirt_job): a job with steps
// that a client starts and ends itself, shown with the portal's own jobs. Nothing runs it and
// nothing recovers it (recovery skips this type); it holds no lock and changes no storage.

export const EXTERNAL = "external";

const description = z.string().trim().min(1, "A description is required").max(500);

function requireInjector(actor: Actor) {
  requirePermission(actor, "inject_external_tasks", [], "add or end external jobs");
}

async function openExternalJob(jobId: string, actor: Actor) {
  requireInjector(actor);
  const job = await getJob(jobId, actor);
  if (job.type !== EXTERNAL) throw new AppError("CONFLICT", `Job ${job.description} is one of the portal's own operations: it ends by itself (or is cancelled), not by a client.`);
  if (job.status !== "running") throw new AppError("CONFLICT", `External job ${job.description} has already ended (${job.status}).`);
  return job;
}

export async function addExternalJob(input: { description: string }, actor: Actor) {
  requireInjector(actor);
  const data = parseInput(z.strictObject({ description }), input);
  const now = new Date();
  const job = await db.$transaction(async (tx) => {
    const created = await tx.job.create({
      data: { id: randomUUID(), type: EXTERNAL, description: data.description, status: "running", payload: serializePlan(newPlan()), actor: actor.name, startedAt: now },
    });
    await recordEvent(tx, actor, { action: "external_job_started", message: `External job ${data.description}: started.`, objectType: "job", objectId: created.id, jobId: created.id });
    return created;
  });
  announceJobChange(job.id);
  return job;
}

export async function addExternalStep(input: { jobId: string; description: string }, actor: Actor) {
  const data = parseInput(z.strictObject({ jobId: z.string().min(1), description }), input);
  const job = await openExternalJob(data.jobId, actor);
  const step = await db.jobStep.create({
    data: { id: randomUUID(), jobId: job.id, name: data.description, position: job.steps.length, status: "running", startedAt: new Date() },
  });
  announceJobChange(job.id);
  return step;
}

export async function endExternalStep(input: { jobId: string; stepId: string; succeeded: boolean }, actor: Actor) {
  const job = await openExternalJob(input.jobId, actor);
  const step = job.steps.find((s) => s.id === input.stepId);
  if (!step) throw new AppError("NOT_FOUND", `Step ${input.stepId} doesn't exist in job ${job.id}.`);
  if (step.status !== "running") throw new AppError("CONFLICT", `Step ${step.name} has already ended (${step.status}).`);
  await db.jobStep.update({ where: { id: step.id }, data: { status: input.succeeded ? "finished" : "failed", progress: input.succeeded ? 100 : step.progress, endedAt: new Date() } });
  announceJobChange(job.id);
}

/** Ends the job, and with it each step still running, as succeeded or failed. */
export async function endExternalJob(input: { jobId: string; succeeded: boolean }, actor: Actor) {
  const job = await openExternalJob(input.jobId, actor);
  const status = input.succeeded ? "finished" : "failed";
  const now = new Date();
  await db.$transaction(async (tx) => {
    await tx.jobStep.updateMany({ where: { jobId: job.id, status: "running" }, data: { status, endedAt: now } });
    await tx.job.update({ where: { id: job.id }, data: { status, progress: input.succeeded ? 100 : job.progress, endedAt: now } });
    await recordEvent(tx, actor, { action: "external_job_ended", severity: input.succeeded ? "normal" : "error", message: `External job ${job.description}: ${status}.`, objectType: "job", objectId: job.id, jobId: job.id });
  });
  announceJobChange(job.id);
}
