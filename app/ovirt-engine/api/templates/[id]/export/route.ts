// POST /ovirt-engine/api/templates/{id}/export: <action><exclusive/><storage_domain id="EXPORT"/></action>;
// each disk collapsed to one image on the export domain, plus the OVF.
import { exportObject } from "@/lib/transfer/export-object";
import { restRoute } from "@/lib/rest/route";
import { jobActionReply } from "@/lib/rest/job-reply";
import { readAction } from "@/lib/rest/requests/action";
import { parseExport } from "@/lib/rest/requests/transfer";

export const POST = restRoute<{ id: string }>(async (context) => {
  const { action, query } = await readAction(context);
  const { job } = await exportObject("template", await parseExport(action, context.params.id, query.correlationId), context.actor);
  return jobActionReply(job, query);
});
