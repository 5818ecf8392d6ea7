// POST /ovirt-engine/api/storagedomains/{id}/vms/{vmId}/import: import from an export domain,
// each disk to the data domain the <disk_attachments> map names (<storage_domain> for the rest).
import { importObject } from "@/lib/transfer/import-object";
import { restRoute } from "@/lib/rest/route";
import { ref } from "@/lib/rest/hrefs";
import { jobActionReply } from "@/lib/rest/job-reply";
import { readAction } from "@/lib/rest/requests/action";
import { parseImport } from "@/lib/rest/requests/transfer";

export const POST = restRoute<{ id: string; vmId: string }>(async (context) => {
  const { action, query } = await readAction(context);
  const input = await parseImport(action, "vm", context.params.id, context.params.vmId, query.correlationId);
  const { id, job } = await importObject("vm", input, context.actor);
  return jobActionReply(job, query, { extra: { vm: ref("vm", id) } });
});
