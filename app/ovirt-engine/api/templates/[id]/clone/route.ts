// POST /ovirt-engine/api/templates/{id}/clone (Multistore; oVirt has no template clone): a new
// template from full copies of this one's disks, each on the domain named for it.
// <action><template><name/><disk_attachments>…</disk_attachments></template><storage_domain/></action>
import { cloneTemplate } from "@/lib/templates/clone-template";
import { restRoute } from "@/lib/rest/route";
import { ref } from "@/lib/rest/hrefs";
import { jobActionReply } from "@/lib/rest/job-reply";
import { readAction } from "@/lib/rest/requests/action";
import { parseCloneTemplate } from "@/lib/rest/requests/template";

export const POST = restRoute<{ id: string }>(async (context) => {
  const { action, query } = await readAction(context);
  const { templateId, job } = await cloneTemplate(await parseCloneTemplate(action, context.params.id, query.correlationId), context.actor);
  return jobActionReply(job, query, { extra: { template: ref("template", templateId) } });
});
