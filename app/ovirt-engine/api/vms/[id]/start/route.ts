// POST /ovirt-engine/api/vms/{id}/start (VM runtime: see lib/rest/vm-power.ts)
import { powerActionRoute } from "@/lib/rest/vm-power";

export const POST = powerActionRoute("start");
