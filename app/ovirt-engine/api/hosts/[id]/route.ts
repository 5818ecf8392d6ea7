// GET /ovirt-engine/api/hosts/{id}
import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { hostEntityNode } from "@/lib/rest/resources/hosts";

export const GET = restRoute<{ id: string }>(async ({ params }) => entityReply("host", hostEntityNode(params.id)));
