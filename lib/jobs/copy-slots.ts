import "server-only";
import pLimit, { type LimitFunction } from "p-limit";
import { env } from "@/lib/env";
import { operationOf, type StepOp } from "./operation";

// Copies between the same two storage domains queue here, across all jobs of this process, so
// concurrent copies never fight over one pair of disks (COPIES_PER_DOMAIN_PAIR at a time, default 1).

const limits = new Map<string, LimitFunction>();

function pairKey(op: StepOp) {
  const pair = operationOf(op).copyPair?.(op);
  return pair ? `${pair.from}>${pair.to}` : null;
}

/** Runs the step now, or once a copy slot between its domains is free (other steps run at once). */
export function withCopySlot<T>(op: StepOp, work: () => Promise<T>): Promise<T> {
  const key = pairKey(op);
  if (!key) return work();
  let limit = limits.get(key);
  if (!limit) {
    limit = pLimit(env.COPIES_PER_DOMAIN_PAIR);
    limits.set(key, limit);
  }
  return limit(work);
}
