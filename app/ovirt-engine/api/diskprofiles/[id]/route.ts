// GET /ovirt-engine/api/diskprofiles/{id}
import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { diskProfileEntityNode } from "@/lib/rest/resources/disk-profiles";

export const GET = restRoute<{ id: string }>(async ({ actor, params }) => entityReply("disk_profile", await diskProfileEntityNode(actor, params.id)));
