import { completeReply, createdReply, entityReply, listReply } from "./reply";
import { parseGrant } from "./requests/permission";
import { grantOn, permissionEntityNode, permissionNodes, revokeOn, type PermissionObject } from "./resources/permissions";
import { restRoute } from "./route";

// The same permission handlers under /vms, /templates and /storagedomains.

export function permissionCollectionRoutes(kind: PermissionObject) {
  return {
    GET: restRoute<{ id: string }>(async ({ actor, params }) => listReply("permissions", "permission", await permissionNodes(actor, kind, params.id))),
    POST: restRoute<{ id: string }>(async ({ actor, params, body }) => createdReply("permission", await grantOn(actor, kind, params.id, parseGrant(await body("permission"))))),
  };
}

export function permissionEntityRoutes(kind: PermissionObject) {
  return {
    GET: restRoute<{ id: string; permissionId: string }>(async ({ actor, params }) => entityReply("permission", await permissionEntityNode(actor, kind, params.id, params.permissionId))),
    DELETE: restRoute<{ id: string; permissionId: string }>(async ({ actor, params }) => {
      await revokeOn(actor, kind, params.id, params.permissionId);
      return completeReply();
    }),
  };
}
