import "server-only";
import { db } from "@/lib/db";
import { instance } from "./instance";
import { operationOf } from "./operation";
import type { JobPlan } from "./plan";

/**
 * Where a job must run: a job with runtime steps on the host whose instances run its VM's QEMU
 * (a resumed VM starts on this one's); any instance for storage-only work.
 */
export async function planHost(plan: JobPlan): Promise<string | null> {
  const vms = plan.ops.flatMap((op) => operationOf(op).actsOnVm?.(op) ?? []);
  if (!vms.length) return null;
  const vmId = vms.map((vm) => (vm === "new" ? null : vm.id)).find(Boolean);
  if (!vmId) return instance.host;
  const vm = await db.vm.findUnique({ where: { id: vmId }, select: { runtimeHost: true } });
  return vm?.runtimeHost ?? instance.host;
}
