import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { eventEntityNode } from "@/lib/rest/resources/events";

// GET /ovirt-engine/api/events/{id}
export const GET = restRoute<{ id: string }>(async ({ actor, params }) => entityReply("event", await eventEntityNode(actor, params.id)));
