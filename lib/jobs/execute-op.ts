import "server-only";
import { operationOf, type StepOp } from "./operation";

// Runs one step, and undoes one, as its kind declares (lib/jobs/operation.ts). Both are idempotent.

export async function executeOp(op: StepOp, onProgress: (percent: number) => void, signal?: AbortSignal) {
  return operationOf(op).execute(op, onProgress, signal);
}

export async function undoOp(op: StepOp) {
  return operationOf(op).undo(op);
}
