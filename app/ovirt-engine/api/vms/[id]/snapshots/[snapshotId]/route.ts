import { deleteSnapshot } from "@/lib/snapshots/delete-snapshot";
import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { jobActionReply } from "@/lib/rest/job-reply";
import { snapshotEntityNode } from "@/lib/rest/resources/snapshots";

// GET /ovirt-engine/api/vms/{id}/snapshots/{snapshotId}
export const GET = restRoute<{ id: string; snapshotId: string }>(async ({ actor, params }) => entityReply("snapshot", await snapshotEntityNode(actor, params.id, params.snapshotId)));

// DELETE /ovirt-engine/api/vms/{id}/snapshots/{snapshotId}: merges the snapshot's data into its child.
export const DELETE = restRoute<{ id: string; snapshotId: string }>(async ({ actor, params, query }) => {
  const { job } = await deleteSnapshot({ vmId: params.id, snapshotId: params.snapshotId, correlationId: query.correlationId }, actor);
  return jobActionReply(job, query, { status: 200 });
});
