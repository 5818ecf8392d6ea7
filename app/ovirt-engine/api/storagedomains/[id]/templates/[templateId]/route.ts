// GET /ovirt-engine/api/storagedomains/{id}/templates/{templateId}
import { restRoute } from "@/lib/rest/route";
import { removeExported } from "@/lib/transfer/remove-exported";
import { completeReply, entityReply } from "@/lib/rest/reply";
import { domainOwnerNode } from "@/lib/rest/resources/storage-domain-content";

export const GET = restRoute<{ id: string; templateId: string }>(async ({ actor, params }) => entityReply("template", await domainOwnerNode(actor, params.id, "templates", params.templateId)));

// DELETE /ovirt-engine/api/storagedomains/{id}/templates/{templateId}: removes it from the export domain, with its disk images.
export const DELETE = restRoute<{ id: string; templateId: string }>(async ({ actor, params }) => {
  await removeExported({ storageDomainId: params.id, kind: "templates", id: params.templateId }, actor);
  return completeReply();
});
