import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { operationOf, type StepOp } from "./operation";

// Runs one step, and undoes one, as its kind declares (lib/jobs/operation.ts). Both are idempotent.

/** Tries of a step whose failures its kind calls transient, the first included. */
export const STEP_ATTEMPTS = 3;
/** Wait before the second try; doubled before each next one. */
const RETRY_DELAY_MS = 1000;

/** Runs the step; a failure its kind calls transient is tried again after a pause, unless the job is stopping. */
export async function executeOp(op: StepOp, onProgress: (percent: number) => void, signal?: AbortSignal) {
  const operation = operationOf(op);
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation.execute(op, onProgress, signal);
    } catch (error) {
      if (signal?.aborted || attempt >= STEP_ATTEMPTS || !(error instanceof Error) || !operation.transient?.(error)) throw error;
      console.warn(`step "${op.label}" failed (${error.message}); trying again (${attempt + 1} of ${STEP_ATTEMPTS})`);
      await sleep(RETRY_DELAY_MS * 2 ** (attempt - 1), undefined, { signal }).catch(() => {
        throw error; // stopped while waiting: the step's own failure is what the job ends with
      });
    }
  }
}

export async function undoOp(op: StepOp) {
  return operationOf(op).undo(op);
}
