import "server-only";
import { liveMergeTookEffect } from "@/lib/vms/runtime/live-merge-op";
import type { JobPlan } from "./plan";

// Every step can be undone but one: a live merge, once QEMU has dropped a snapshot volume from a
// running disk's chain. A job past that point is finished instead of rolled back (roll forward),
// as oVirt's engine keeps a live merge going until it completes.

export async function passedPointOfNoReturn(plan: JobPlan) {
  for (const op of plan.ops) if (op.kind === "live-merge" && (await liveMergeTookEffect(op))) return true;
  return false;
}
