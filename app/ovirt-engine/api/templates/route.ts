import { addTemplateFromVm } from "@/lib/templates/add-template-from-vm";
import { restRoute } from "@/lib/rest/route";
import { createdReply, listReply } from "@/lib/rest/reply";
import { parseAddTemplate } from "@/lib/rest/requests/template";
import { templateEntityNode, templateNodes } from "@/lib/rest/resources/templates";

// GET /ovirt-engine/api/templates (Blank included)
export const GET = restRoute(async ({ actor, query }) => listReply("templates", "template", await templateNodes(actor, query)));

// POST /ovirt-engine/api/templates: from a down VM, each disk copied to the domain named for it
// (<storage_domain> for the rest). 201 with the template, locked until its job ends.
export const POST = restRoute(async ({ actor, query, body }) => {
  const { templateId } = await addTemplateFromVm(await parseAddTemplate(await body("template"), query.correlationId), actor);
  return createdReply("template", await templateEntityNode(actor, templateId));
});
