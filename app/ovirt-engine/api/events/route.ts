import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { eventNodes } from "@/lib/rest/resources/events";

// GET /ovirt-engine/api/events (?search=severity=warning, ?from=N, ?max=N): the audit log, newest first.
export const GET = restRoute(async ({ actor, query }) => listReply("events", "event", await eventNodes(actor, query)));
