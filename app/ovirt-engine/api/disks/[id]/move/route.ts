// POST /ovirt-engine/api/disks/{id}/move: <action><storage_domain id="SD"/></action> (cold, or live for a running VM).
import { moveDisks } from "@/lib/disks/move-disks";
import { restRoute } from "@/lib/rest/route";
import { jobActionReply } from "@/lib/rest/job-reply";
import { readAction } from "@/lib/rest/requests/action";
import { parseMoveDisk } from "@/lib/rest/requests/disk-actions";

export const POST = restRoute<{ id: string }>(async (context) => {
  const { action, query } = await readAction(context);
  const { job } = await moveDisks(await parseMoveDisk(action, context.params.id, query.correlationId), context.actor);
  return jobActionReply(job, query);
});
