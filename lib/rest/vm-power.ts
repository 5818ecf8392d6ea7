import "server-only";
import type { Actor } from "@/lib/actor";
import { jobActionReply } from "./job-reply";
import { completeReply } from "./reply";
import { readAction } from "./requests/action";
import { parseEmptyAction } from "./requests/empty-action";
import { restRoute } from "./route";
import { startVm } from "@/lib/vms/runtime/start-vm";
import { powerOffVm } from "@/lib/vms/runtime/power-off-vm";
import { shutdownVm } from "@/lib/vms/runtime/shutdown-vm";
import { suspendVm } from "@/lib/vms/runtime/suspend-vm";

// POST /vms/{id}/start|stop|shutdown|suspend, onto the VM runtime. oVirt's stop is a power
// off, shutdown is ACPI (powered off after a timeout), suspend is hibernate, and start on a
// suspended VM resumes it.

export type PowerVerb = "start" | "stop" | "shutdown" | "suspend";

// Runtime operations answer with the VM, or with { job } when they run as a job (hibernate, resume).
type PowerOperation = (input: { vmId: string; correlationId?: string }, actor: Actor) => Promise<object | undefined>;

const operations: Record<PowerVerb, PowerOperation> = { start: startVm, stop: powerOffVm, shutdown: shutdownVm, suspend: suspendVm };

export function powerActionRoute(verb: PowerVerb) {
  return restRoute<{ id: string }>(async (context) => {
    const { action, query } = await readAction(context);
    parseEmptyAction(action);
    const result = await operations[verb]({ vmId: context.params.id, correlationId: query.correlationId }, context.actor);
    return result && "job" in result ? jobActionReply(result.job as { id: string }, query) : completeReply();
  });
}
