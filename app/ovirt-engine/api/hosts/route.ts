// GET /ovirt-engine/api/hosts (?search=status=up): the one host the portal runs on.
import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { hostNodes } from "@/lib/rest/resources/hosts";

export const GET = restRoute(async ({ query }) => listReply("hosts", "host", hostNodes(query)));
