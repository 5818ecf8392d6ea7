// GET /ovirt-engine/api/storagedomains/{id}/disks: every disk with a volume on the domain.
import { restRoute } from "@/lib/rest/route";
import { streamedListReply } from "@/lib/rest/reply";
import { domainDiskNodes } from "@/lib/rest/resources/storage-domain-content";

export const GET = restRoute<{ id: string }>(async ({ actor, params, query }) => streamedListReply("disks", "disk", await domainDiskNodes(actor, params.id, query)));
