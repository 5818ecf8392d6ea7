import { deleteTemplate } from "@/lib/templates/delete-template";
import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { jobActionReply } from "@/lib/rest/job-reply";
import { templateEntityNode } from "@/lib/rest/resources/templates";

// GET /ovirt-engine/api/templates/{id} (?follow=disk_attachments)
export const GET = restRoute<{ id: string }>(async ({ actor, params, query }) => entityReply("template", await templateEntityNode(actor, params.id, query.follow)));

// DELETE /ovirt-engine/api/templates/{id}: the template and every copy of its disks.
export const DELETE = restRoute<{ id: string }>(async ({ actor, params, query }) => {
  const { job } = await deleteTemplate({ templateId: params.id, correlationId: query.correlationId }, actor);
  return jobActionReply(job, query, { status: 200 });
});
