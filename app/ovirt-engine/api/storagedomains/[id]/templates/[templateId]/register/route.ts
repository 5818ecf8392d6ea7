// POST /ovirt-engine/api/storagedomains/{id}/templates/{templateId}/register: brings an
// unregistered template back from an attached data domain, its disks where they are.
import { registerRoute } from "@/lib/rest/resources/register-route";

export const POST = registerRoute("template");
