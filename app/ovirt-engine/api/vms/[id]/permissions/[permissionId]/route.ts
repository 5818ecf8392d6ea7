import { permissionEntityRoutes } from "@/lib/rest/permission-routes";

// GET and DELETE /ovirt-engine/api/vms/{id}/permissions/{permissionId}: one permission; revoke it.
const routes = permissionEntityRoutes("vm");
export const GET = routes.GET;
export const DELETE = routes.DELETE;
