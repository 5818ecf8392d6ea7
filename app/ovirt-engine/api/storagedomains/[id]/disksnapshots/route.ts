// GET /ovirt-engine/api/storagedomains/{id}/disksnapshots[?include_active=true&include_template=true]
import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { diskSnapshotNodes } from "@/lib/rest/resources/disk-snapshots";

export const GET = restRoute<{ id: string }>(async ({ actor, params, query }) =>
  listReply("disk_snapshots", "disk_snapshot", await diskSnapshotNodes(actor, { storageDomainId: params.id }, query)),
);
