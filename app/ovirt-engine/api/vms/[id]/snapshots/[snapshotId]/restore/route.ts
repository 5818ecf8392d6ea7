// POST /ovirt-engine/api/vms/{id}/snapshots/{snapshotId}/restore: back to the snapshot; newer ones go.
import { restoreSnapshot } from "@/lib/snapshots/restore-snapshot";
import { restRoute } from "@/lib/rest/route";
import { jobActionReply } from "@/lib/rest/job-reply";
import { readAction } from "@/lib/rest/requests/action";
import { parseEmptyAction } from "@/lib/rest/requests/empty-action";

export const POST = restRoute<{ id: string; snapshotId: string }>(async (context) => {
  const { action, query } = await readAction(context);
  parseEmptyAction(action);
  const { job } = await restoreSnapshot({ vmId: context.params.id, snapshotId: context.params.snapshotId, correlationId: query.correlationId }, context.actor);
  return jobActionReply(job, query);
});
