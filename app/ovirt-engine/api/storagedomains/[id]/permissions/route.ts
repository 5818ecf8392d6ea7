import { permissionCollectionRoutes } from "@/lib/rest/permission-routes";

// GET and POST /ovirt-engine/api/storagedomains/{id}/permissions: who holds which role on it; grant one.
const routes = permissionCollectionRoutes("storage_domain");
export const GET = routes.GET;
export const POST = routes.POST;
