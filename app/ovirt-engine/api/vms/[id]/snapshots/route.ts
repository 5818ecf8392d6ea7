import { createSnapshot } from "@/lib/snapshots/create-snapshot";
import { restRoute } from "@/lib/rest/route";
import { createdReply, listReply } from "@/lib/rest/reply";
import { parseCreateSnapshot } from "@/lib/rest/requests/snapshot";
import { snapshotEntityNode, snapshotNodes } from "@/lib/rest/resources/snapshots";

// GET /ovirt-engine/api/vms/{id}/snapshots
export const GET = restRoute<{ id: string }>(async ({ actor, params }) => listReply("snapshots", "snapshot", await snapshotNodes(actor, params.id)));

// POST /ovirt-engine/api/vms/{id}/snapshots: an overlay per disk on that disk's own domain.
// 201 with the snapshot, locked until its job ends.
export const POST = restRoute<{ id: string }>(async ({ actor, params, query, body }) => {
  const { snapshotId } = await createSnapshot(parseCreateSnapshot(await body("snapshot"), params.id, query.correlationId), actor);
  return createdReply("snapshot", await snapshotEntityNode(actor, params.id, snapshotId));
});
