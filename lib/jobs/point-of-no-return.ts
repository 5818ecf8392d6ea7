import "server-only";
import { operationOf, type StepOp } from "./operation";
import type { JobPlan } from "./plan";

// Every step can be undone but one that declares a point of no return: a live merge, once QEMU
// has dropped a snapshot volume from a running disk's chain. A job past that point is finished
// instead of rolled back (roll forward), as oVirt's engine keeps a live merge going until it completes.

/** The first step that may pass a point of no return, or -1. */
export function firstIrreversibleStep(ops: StepOp[]) {
  return ops.findIndex((op) => operationOf(op).tookEffect !== undefined);
}

export async function passedPointOfNoReturn(plan: JobPlan) {
  for (const op of plan.ops) {
    const tookEffect = operationOf(op).tookEffect;
    if (tookEffect && (await tookEffect(op))) return true;
  }
  return false;
}
