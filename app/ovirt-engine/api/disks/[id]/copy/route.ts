// POST /ovirt-engine/api/disks/{id}/copy: <action><disk><name>alias</name></disk><storage_domain id="SD"/></action>.
// A VM or floating disk gives a new floating disk; a template disk gains a copy on that domain.
import { copyDisk } from "@/lib/disks/copy-disk";
import { restRoute } from "@/lib/rest/route";
import { ref } from "@/lib/rest/hrefs";
import { jobActionReply } from "@/lib/rest/job-reply";
import { readAction } from "@/lib/rest/requests/action";
import { parseCopyDisk } from "@/lib/rest/requests/disk-actions";

export const POST = restRoute<{ id: string }>(async (context) => {
  const { action, query } = await readAction(context);
  const { diskId, job } = await copyDisk(await parseCopyDisk(action, context.params.id, query.correlationId), context.actor);
  return jobActionReply(job, query, { extra: { disk: ref("disk", diskId) } });
});
