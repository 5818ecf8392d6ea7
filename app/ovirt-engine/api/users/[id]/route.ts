import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { userEntityNode } from "@/lib/rest/resources/users";

// GET /ovirt-engine/api/users/{id}
export const GET = restRoute<{ id: string }>(async ({ actor, params }) => entityReply("user", await userEntityNode(actor, params.id)));
