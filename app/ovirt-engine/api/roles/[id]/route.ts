import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { roleEntityNode } from "@/lib/rest/resources/roles";

// GET /ovirt-engine/api/roles/{id}
export const GET = restRoute<{ id: string }>(async ({ params }) => entityReply("role", roleEntityNode(params.id)));
