import "server-only";
import { registerEntity } from "@/lib/storage-domains/register-entity";
import { restRoute } from "../route";
import { completeReply } from "../reply";
import { ref } from "../hrefs";
import { readAction } from "../requests/action";
import { parseRegister } from "../requests/register";

/** The register action of an unregistered VM or template; answers with the action complete and the object. */
export function registerRoute(kind: "vm" | "template") {
  return restRoute<{ id: string; vmId?: string; templateId?: string }>(async (context) => {
    const { action, query } = await readAction(context);
    const entityId = (kind === "vm" ? context.params.vmId : context.params.templateId)!;
    const registered = await registerEntity(await parseRegister(action, context.params.id, entityId, kind, query.correlationId), context.actor);
    return completeReply({ [kind]: ref(kind, registered.id) });
  });
}
