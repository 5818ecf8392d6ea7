import "server-only";
import type { Actor } from "@/lib/actor";
import { AppError, asAppError, isAppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { bulkVmSchema, type BulkVmInput } from "@/lib/schemas/vm";
import { deleteVm } from "./delete-vm";
import { startVm } from "./runtime/start-vm";
import { shutdownVm } from "./runtime/shutdown-vm";

// Run, Shut down or Remove on several VMs at once (the VM list's multi-select), as oVirt does:
// each VM is its own operation, with its own checks and job; one refused VM does not stop the
// others, and the refusals are reported together.

const operations = {
  run: (vmId: string, actor: Actor) => startVm({ vmId }, actor),
  shutdown: (vmId: string, actor: Actor) => shutdownVm({ vmId }, actor),
  remove: (vmId: string, actor: Actor) => deleteVm({ vmId }, actor),
};

export async function onEachVm(input: BulkVmInput, actor: Actor) {
  const { operation, vmIds } = parseInput(bulkVmSchema, input);
  const refused: string[] = [];
  for (const vmId of new Set(vmIds)) {
    try {
      await operations[operation](vmId, actor);
    } catch (thrown) {
      const error = asAppError(thrown);
      if (!isAppError(error)) throw thrown;
      refused.push(error.message);
    }
  }
  const done = new Set(vmIds).size - refused.length;
  if (refused.length) throw new AppError("CONFLICT", `Done for ${done} of ${new Set(vmIds).size} VMs. Refused: ${refused.join(" ")}`);
  return { done };
}
