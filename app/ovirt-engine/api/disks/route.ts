import { addDisk } from "@/lib/disks/add-disk";
import { restRoute } from "@/lib/rest/route";
import { createdReply, streamedListReply } from "@/lib/rest/reply";
import { parseAddDisk } from "@/lib/rest/requests/new-disk";
import { diskEntityNode, diskNodes } from "@/lib/rest/resources/disks";

// GET /ovirt-engine/api/disks (?search=name=db*&max=…)
export const GET = restRoute(async ({ actor, query }) => streamedListReply("disks", "disk", await diskNodes(actor, query)));

// POST /ovirt-engine/api/disks: a floating disk on the domain in <storage_domains>; 201, locked until made.
export const POST = restRoute(async ({ actor, query, body }) => {
  const { diskId } = await addDisk(await parseAddDisk(await body("disk"), query.correlationId), actor);
  return createdReply("disk", await diskEntityNode(actor, diskId));
});
