// GET /ovirt-engine/api/diskprofiles: one default profile per data domain.
import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { diskProfileNodes } from "@/lib/rest/resources/disk-profiles";

export const GET = restRoute(async ({ actor, query }) => listReply("disk_profiles", "disk_profile", await diskProfileNodes(actor, query)));
