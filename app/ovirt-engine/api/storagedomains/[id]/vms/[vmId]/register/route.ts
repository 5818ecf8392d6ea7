// POST /ovirt-engine/api/storagedomains/{id}/vms/{vmId}/register: brings an unregistered VM back
// from an attached data domain, its disks where they are.
import { registerRoute } from "@/lib/rest/resources/register-route";

export const POST = registerRoute("vm");
