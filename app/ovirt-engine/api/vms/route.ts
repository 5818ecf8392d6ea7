import { addVm } from "@/lib/vms/add-vm";
import { addVmFromTemplate } from "@/lib/vms/add-vm-from-template";
import { restRoute } from "@/lib/rest/route";
import { createdReply, streamedListReply } from "@/lib/rest/reply";
import { parseAddVm } from "@/lib/rest/requests/vm";
import { vmEntityNode, vmNodes } from "@/lib/rest/resources/vms";

// GET /ovirt-engine/api/vms (?search=name=web*&max=…&follow=disk_attachments)
export const GET = restRoute(async ({ actor, query }) => streamedListReply("vms", "vm", await vmNodes(actor, query)));

// POST /ovirt-engine/api/vms[?clone=true]: from Blank with new disks, or from a template with a
// storage domain per template disk. 201 with the VM, image_locked until its job ends.
export const POST = restRoute(async ({ actor, query, body }) => {
  const request = await parseAddVm(await body("vm"), query.clone ?? false, query.correlationId);
  const { vmId } = request.kind === "blank" ? await addVm(request.input, actor) : await addVmFromTemplate(request.input, actor);
  return createdReply("vm", await vmEntityNode(actor, vmId));
});
