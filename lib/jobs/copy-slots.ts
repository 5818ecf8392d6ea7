import "server-only";
import pLimit, { type LimitFunction } from "p-limit";
import { onPostgresql } from "@/lib/db";
import { env } from "@/lib/env";
import { processWide } from "@/lib/process-wide";
import { holdClusterCopySlot } from "./cluster-copy-slot";
import { operationOf, type StepOp } from "./operation";

// Copies between the same two storage domains queue here, across all jobs, so concurrent copies
// never fight over one pair of disks (COPIES_PER_DOMAIN_PAIR at a time, default 1): in this
// process first, then, on PostgreSQL, across every instance (cluster-copy-slot.ts).

const limits = processWide("copy-slots", () => new Map<string, LimitFunction>());

function pairKey(op: StepOp) {
  const pair = operationOf(op).copyPair?.(op);
  return pair ? `${pair.from}>${pair.to}` : null;
}

/** Runs the step now, or once a copy slot between its domains is free (other steps run at once). */
export function withCopySlot<T>(op: StepOp, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const key = pairKey(op);
  if (!key) return work();
  let limit = limits.get(key);
  if (!limit) {
    limit = pLimit(env.COPIES_PER_DOMAIN_PAIR);
    limits.set(key, limit);
  }
  return limit(async () => {
    if (!onPostgresql) return work();
    const release = await holdClusterCopySlot(key, env.COPIES_PER_DOMAIN_PAIR, signal);
    try {
      return await work();
    } finally {
      await release();
    }
  });
}
