import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { roleNodes } from "@/lib/rest/resources/roles";

// GET /ovirt-engine/api/roles: the roles a permission can give.
export const GET = restRoute(async () => listReply("roles", "role", roleNodes()));
