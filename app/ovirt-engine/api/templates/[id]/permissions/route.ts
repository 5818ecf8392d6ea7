import { permissionCollectionRoutes } from "@/lib/rest/permission-routes";

// GET and POST /ovirt-engine/api/templates/{id}/permissions: who holds which role on it; grant one.
const routes = permissionCollectionRoutes("template");
export const GET = routes.GET;
export const POST = routes.POST;
