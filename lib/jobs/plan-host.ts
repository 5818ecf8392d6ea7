import "server-only";
import { db } from "@/lib/db";
import { instance } from "./instance";
import { isRuntimeOp, type JobPlan } from "./plan";

/**
 * Where a job must run: a job with runtime steps on the host whose instances run its VM's QEMU
 * (a resumed VM starts on this one's); any instance for storage-only work.
 */
export async function planHost(plan: JobPlan): Promise<string | null> {
  const runtimeOps = plan.ops.filter(isRuntimeOp);
  if (!runtimeOps.length) return null;
  const vmId = runtimeOps.map((op) => ("vm" in op ? op.vm.id : null)).find(Boolean);
  if (!vmId) return instance.host;
  const vm = await db.vm.findUnique({ where: { id: vmId }, select: { runtimeHost: true } });
  return vm?.runtimeHost ?? instance.host;
}
