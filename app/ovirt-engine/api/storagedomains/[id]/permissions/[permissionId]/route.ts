import { permissionEntityRoutes } from "@/lib/rest/permission-routes";

// GET and DELETE /ovirt-engine/api/storagedomains/{id}/permissions/{permissionId}: one permission; revoke it.
const routes = permissionEntityRoutes("storage_domain");
export const GET = routes.GET;
export const DELETE = routes.DELETE;
