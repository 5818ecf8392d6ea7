import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { userNodes } from "@/lib/rest/resources/users";

// GET /ovirt-engine/api/users (?search=usrname=admin@internal-authz): the portal's users (SuperUser only).
export const GET = restRoute(async ({ actor, query }) => listReply("users", "user", await userNodes(actor, query)));
