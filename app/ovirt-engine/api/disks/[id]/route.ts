import { deleteDisk } from "@/lib/disks/delete-disk";
import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { jobActionReply } from "@/lib/rest/job-reply";
import { diskEntityNode } from "@/lib/rest/resources/disks";

// GET /ovirt-engine/api/disks/{id}
export const GET = restRoute<{ id: string }>(async ({ actor, params }) => entityReply("disk", await diskEntityNode(actor, params.id)));

// DELETE /ovirt-engine/api/disks/{id}
export const DELETE = restRoute<{ id: string }>(async ({ actor, params, query }) => {
  const { job } = await deleteDisk({ diskId: params.id, correlationId: query.correlationId }, actor);
  return jobActionReply(job, query, { status: 200 });
});
