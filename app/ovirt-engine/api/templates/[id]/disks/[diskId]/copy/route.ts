// POST /ovirt-engine/api/templates/{id}/disks/{diskId}/copy: the template disk gains a copy on
// another domain, so thin VM disks can live there too (same as POST /disks/{diskId}/copy).
import { copyDisk } from "@/lib/disks/copy-disk";
import { restRoute } from "@/lib/rest/route";
import { jobActionReply } from "@/lib/rest/job-reply";
import { readAction } from "@/lib/rest/requests/action";
import { parseCopyDisk } from "@/lib/rest/requests/disk-actions";
import { attachmentNode } from "@/lib/rest/resources/disk-attachments";

export const POST = restRoute<{ id: string; diskId: string }>(async (context) => {
  const { action, query } = await readAction(context);
  await attachmentNode(context.actor, { kind: "template", id: context.params.id }, context.params.diskId, []);
  const { job } = await copyDisk(await parseCopyDisk(action, context.params.diskId, query.correlationId), context.actor);
  return jobActionReply(job, query);
});
