// GET /ovirt-engine/api: the <api> root clients call to test a connection.
import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { apiRootNode } from "@/lib/rest/serialize/api-root";

export const GET = restRoute(async ({ actor }) => entityReply("api", apiRootNode(actor.name)));
