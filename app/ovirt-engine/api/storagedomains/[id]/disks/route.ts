// GET /ovirt-engine/api/storagedomains/{id}/disks: every disk with a volume on the domain; with
// ?unregistered=true the floating disks it holds to register.
// POST /ovirt-engine/api/storagedomains/{id}/disks?unregistered=true with <disk id="…"/>: registers
// one of those (the SDK's disks_service.add(disk, unregistered=True)).
import { AppError } from "@/lib/errors";
import { registerEntity } from "@/lib/storage-domains/register-entity";
import { restRoute } from "@/lib/rest/route";
import { createdReply, listReply, streamedListReply } from "@/lib/rest/reply";
import { diskEntityNode } from "@/lib/rest/resources/disks";
import { domainDiskNodes, unregisteredDiskNodes } from "@/lib/rest/resources/storage-domain-content";
import { parseRegisterDisk } from "@/lib/rest/requests/register";

export const GET = restRoute<{ id: string }>(async ({ actor, params, query }) =>
  query.unregistered ? listReply("disks", "disk", await unregisteredDiskNodes(actor, params.id, query)) : streamedListReply("disks", "disk", await domainDiskNodes(actor, params.id, query)),
);

export const POST = restRoute<{ id: string }>(async ({ actor, params, query, body }) => {
  if (!query.unregistered) throw new AppError("VALIDATION", "Add a disk with POST /disks naming this storage domain; POST here registers a disk the domain holds (?unregistered=true).");
  const registered = await registerEntity(parseRegisterDisk(await body("disk"), params.id, query.correlationId), actor);
  return createdReply("disk", await diskEntityNode(actor, registered.id));
});
