import type { FileRef } from "./operation";
import { operationOf, type StepOp } from "./operation";
import { domainOfFile } from "@/lib/storage/domain-identity";
import type { JobPlan } from "./plan";

// What a plan reads and writes on storage, as its steps declare it: the domains to verify before
// the job is recorded, and the images that must be intact before they are copied or built upon.

/** Images the step reads (a copy's source, an overlay's backing). */
export function opReads(op: StepOp): FileRef[] {
  return operationOf(op).reads?.(op) ?? [];
}

/** Files the step may read besides (a safe rebase's old parent, a saved memory state). */
export function opAlsoReads(op: StepOp): string[] {
  return operationOf(op).alsoReads?.(op) ?? [];
}

/** Files the step writes. */
export function opWrites(op: StepOp): string[] {
  return operationOf(op).writes?.(op) ?? [];
}

/** Every domain the plan touches, including those whose files it removes after the commit. */
export function planDomainIds(plan: JobPlan) {
  const files = [...plan.ops.flatMap((op) => [...opReads(op).map((r) => r.path), ...opAlsoReads(op), ...opWrites(op)]), ...plan.removeAfterCommit];
  return [...new Set(files.flatMap((file) => domainOfFile(file)?.id ?? []))];
}

/** The images the plan reads that the job does not make itself (they must exist and check clean now). */
export function planSourceImages(plan: JobPlan) {
  const made = new Set(plan.ops.flatMap(opWrites));
  return plan.ops.flatMap(opReads).filter((read) => !made.has(read.path));
}
