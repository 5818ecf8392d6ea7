// POST /ovirt-engine/api/vms/{id}/suspend (VM runtime: see lib/rest/vm-power.ts)
import { powerActionRoute } from "@/lib/rest/vm-power";

export const POST = powerActionRoute("suspend");
