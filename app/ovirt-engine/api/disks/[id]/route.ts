import { deleteDisk } from "@/lib/disks/delete-disk";
import { updateDisk } from "@/lib/disks/update-disk";
import { parseUpdateDisk } from "@/lib/rest/requests/new-disk";
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

// PUT /ovirt-engine/api/disks/{id}: name (alias) and description; another size is refused (409).
export const PUT = restRoute<{ id: string }>(async ({ actor, params, body }) => {
  await diskEntityNode(actor, params.id);
  await updateDisk(parseUpdateDisk(await body("disk"), params.id), actor);
  return entityReply("disk", await diskEntityNode(actor, params.id));
});
