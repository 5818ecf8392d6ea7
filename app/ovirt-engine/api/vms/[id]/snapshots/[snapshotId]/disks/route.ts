import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { snapshotDiskNodes } from "@/lib/rest/resources/snapshots";

// GET /ovirt-engine/api/vms/{id}/snapshots/{snapshotId}/disks: each disk at the volume the snapshot holds.
export const GET = restRoute<{ id: string; snapshotId: string }>(async ({ actor, params }) => listReply("disks", "disk", await snapshotDiskNodes(actor, params.id, params.snapshotId)));
