import { permissionEntityRoutes } from "@/lib/rest/permission-routes";

// GET and DELETE /ovirt-engine/api/templates/{id}/permissions/{permissionId}: one permission; revoke it.
const routes = permissionEntityRoutes("template");
export const GET = routes.GET;
export const DELETE = routes.DELETE;
