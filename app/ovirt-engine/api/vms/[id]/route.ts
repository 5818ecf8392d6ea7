import { deleteVm } from "@/lib/vms/delete-vm";
import { updateVm } from "@/lib/vms/update-vm";
import { parseUpdateVm } from "@/lib/rest/requests/vm";
import { restRoute } from "@/lib/rest/route";
import { entityReply } from "@/lib/rest/reply";
import { jobActionReply } from "@/lib/rest/job-reply";
import { vmEntityNode } from "@/lib/rest/resources/vms";

// GET /ovirt-engine/api/vms/{id} (?follow=disk_attachments,snapshots)
export const GET = restRoute<{ id: string }>(async ({ actor, params, query }) => entityReply("vm", await vmEntityNode(actor, params.id, query.follow)));

// DELETE /ovirt-engine/api/vms/{id}[?detach_only=true]: removes the VM (and its disks, unless detach_only).
export const DELETE = restRoute<{ id: string }>(async ({ actor, params, query }) => {
  const { job } = await deleteVm({ vmId: params.id, detachOnly: query.detachOnly ?? false, correlationId: query.correlationId }, actor);
  return jobActionReply(job, query, { status: 200 });
});

// PUT /ovirt-engine/api/vms/{id}: name, description, memory and CPUs (those two while it is down).
export const PUT = restRoute<{ id: string }>(async ({ actor, params, body }) => {
  await vmEntityNode(actor, params.id);
  await updateVm(parseUpdateVm(await body("vm"), params.id), actor);
  return entityReply("vm", await vmEntityNode(actor, params.id));
});
