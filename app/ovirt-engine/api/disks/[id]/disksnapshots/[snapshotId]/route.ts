// GET /ovirt-engine/api/disks/{id}/disksnapshots/{volumeId}
import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { diskSnapshotEntityNode } from "@/lib/rest/resources/disk-snapshots";

export const GET = restRoute<{ id: string; snapshotId: string }>(async ({ actor, params }) =>
  entityReply("disk_snapshot", await diskSnapshotEntityNode(actor, { diskId: params.id }, params.snapshotId)),
);
