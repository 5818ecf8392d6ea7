// GET /ovirt-engine/api/jobs/{id}/steps; POST adds a step to an external job (ovirt_job's steps).
import { addExternalStep } from "@/lib/jobs/external-jobs";
import { restRoute } from "@/lib/rest/route";
import { createdReply, listReply } from "@/lib/rest/reply";
import { parseExternalStep } from "@/lib/rest/requests/job-actions";
import { stepEntityNode, stepNodes } from "@/lib/rest/resources/jobs";

export const GET = restRoute<{ id: string }>(async ({ actor, params }) => listReply("steps", "step", await stepNodes(actor, params.id)));

export const POST = restRoute<{ id: string }>(async ({ actor, params, body }) => {
  const step = await addExternalStep({ jobId: params.id, ...parseExternalStep(await body("step")) }, actor);
  return createdReply("step", await stepEntityNode(actor, params.id, step.id));
});
