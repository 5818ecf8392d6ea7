// GET /ovirt-engine/api/storagedomains/{id}/diskprofiles: the domain's default profile.
import { restRoute } from "@/lib/rest/route";
import { listReply } from "@/lib/rest/reply";
import { diskProfileNodes } from "@/lib/rest/resources/disk-profiles";
import { storageDomainEntityNode } from "@/lib/rest/resources/storage-domains";

export const GET = restRoute<{ id: string }>(async ({ actor, params, query }) => {
  await storageDomainEntityNode(actor, params.id);
  return listReply("disk_profiles", "disk_profile", await diskProfileNodes(actor, query, params.id));
});
