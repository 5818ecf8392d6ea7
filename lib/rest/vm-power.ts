import "server-only";
import type { Actor } from "@/lib/actor";
import { getVm } from "@/lib/queries/list-vms";
import { jobActionReply } from "./job-reply";
import { completeReply } from "./reply";
import { readAction } from "./requests/action";
import { parseEmptyAction } from "./requests/empty-action";
import { RestError } from "./rest-error";
import { restRoute } from "./route";

// POST /vms/{id}/start|stop|shutdown|suspend. The VM runtime is being built on another
// branch: when its domain functions land, wiring one is a single line in `operations`
// (e.g. `start: startVm,`). Until then the route answers 501 with a fault that says so.

export type PowerVerb = "start" | "stop" | "shutdown" | "suspend";

type PowerOperation = (input: { vmId: string; correlationId?: string }, actor: Actor) => Promise<{ job?: { id: string } } | void>;

const operations: Partial<Record<PowerVerb, PowerOperation>> = {};

const wording: Record<PowerVerb, string> = { start: "run", stop: "stop", shutdown: "shut down", suspend: "suspend" };

export function powerActionRoute(verb: PowerVerb) {
  return restRoute<{ id: string }>(async (context) => {
    const { action, query } = await readAction(context);
    parseEmptyAction(action);
    const operation = operations[verb];
    if (!operation) {
      await getVm(context.params.id, context.actor); // an unknown VM is still a 404
      throw new RestError(501, "Not Implemented", `Cannot ${wording[verb]} VM. The VM runtime is not available yet.`);
    }
    const result = await operation({ vmId: context.params.id, correlationId: query.correlationId }, context.actor);
    return result?.job ? jobActionReply(result.job, query) : completeReply();
  });
}
