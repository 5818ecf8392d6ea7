import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { snapshotDiskEntityNode } from "@/lib/rest/resources/snapshots";

// GET /ovirt-engine/api/vms/{id}/snapshots/{snapshotId}/disks/{diskId}
export const GET = restRoute<{ id: string; snapshotId: string; diskId: string }>(async ({ actor, params }) =>
  entityReply("disk", await snapshotDiskEntityNode(actor, params.id, params.snapshotId, params.diskId)),
);
