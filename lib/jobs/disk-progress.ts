import type { JobPlan } from "./plan";
import { opWeight, type StepOp } from "./operation";
import { opWrites } from "./plan-storage";

// A disk's own progress inside a multi-disk job: the steps that write its files (those under
// images/<disk id>/), weighted as the job weighs them. A disk with no step of its own (a rename,
// a detach) follows the job.

function writesDisk(op: StepOp, diskId: string) {
  return opWrites(op).some((file) => file.includes(`/${diskId}/`));
}

export function diskProgress(plan: JobPlan, steps: { position: number; progress: number }[], diskId: string, jobProgress: number) {
  const progress = new Map(steps.map((s) => [s.position, s.progress]));
  let total = 0;
  let done = 0;
  for (const [index, op] of plan.ops.entries()) {
    if (!writesDisk(op, diskId)) continue;
    total += opWeight(op);
    done += (opWeight(op) * (progress.get(index) ?? 0)) / 100;
  }
  return total ? Math.min(99, Math.floor((done / total) * 100)) : jobProgress;
}
