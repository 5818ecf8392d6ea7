// POST /ovirt-engine/api/vms/{id}/stop (VM runtime: see lib/rest/vm-power.ts)
import { powerActionRoute } from "@/lib/rest/vm-power";

export const POST = powerActionRoute("stop");
