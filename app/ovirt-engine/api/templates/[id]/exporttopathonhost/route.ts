// POST /ovirt-engine/api/templates/{id}/exporttopathonhost: <action><host id="…"/><directory>/…</directory>
// <filename>web-01.ova</filename></action>; the template as one .ova in an OVA folder.
import { exportOva } from "@/lib/ova/export-ova";
import { restRoute } from "@/lib/rest/route";
import { jobActionReply } from "@/lib/rest/job-reply";
import { readAction } from "@/lib/rest/requests/action";
import { parseExportOva } from "@/lib/rest/requests/ova";

export const POST = restRoute<{ id: string }>(async (context) => {
  const { action, query } = await readAction(context);
  const { job } = await exportOva("template", await parseExportOva(action, context.params.id, query.correlationId), context.actor);
  return jobActionReply(job, query);
});
