import "server-only";
import type { Actor } from "@/lib/actor";
import { grantPermission, revokePermission } from "@/lib/auth/manage-users";
import { AppError } from "@/lib/errors";
import { objectPermissions } from "@/lib/queries/object-permissions";
import { href, ref } from "../hrefs";
import { roleId } from "../serialize/role";
import type { OutNode } from "../wire/tree";
import { storageDomainEntityNode } from "./storage-domains";
import { templateEntityNode } from "./templates";
import { vmEntityNode } from "./vms";

// /{vms|templates|storagedomains}/{id}/permissions: the roles users hold on the object, and those
// held on the whole system (which cover it too), as ovirt_permission lists, grants and revokes them.

const KINDS = {
  vm: { collection: "vms", visible: (actor: Actor, id: string) => vmEntityNode(actor, id), refKind: "vm" },
  template: { collection: "templates", visible: (actor: Actor, id: string) => templateEntityNode(actor, id), refKind: "template" },
  storage_domain: { collection: "storagedomains", visible: (actor: Actor, id: string) => storageDomainEntityNode(actor, id), refKind: "storageDomain" },
} as const;
export type PermissionObject = keyof typeof KINDS;

type Row = Awaited<ReturnType<typeof objectPermissions>>[number];

function permissionNode(kind: PermissionObject, objectId: string, p: Row): OutNode {
  const node: OutNode = {
    "@href": `${href[KINDS[kind].refKind](objectId)}/permissions/${p.id}`,
    "@id": p.id,
    role: { "@href": href.role(roleId(p.role)), "@id": roleId(p.role) },
    user: ref("user", p.userId),
  };
  if (p.objectType === kind) node[kind] = ref(KINDS[kind].refKind, objectId);
  return node;
}

async function rows(actor: Actor, kind: PermissionObject, objectId: string) {
  await KINDS[kind].visible(actor, objectId);
  return objectPermissions(kind, objectId, actor);
}

export async function permissionNodes(actor: Actor, kind: PermissionObject, objectId: string) {
  return (await rows(actor, kind, objectId)).map((p) => permissionNode(kind, objectId, p));
}

export async function permissionEntityNode(actor: Actor, kind: PermissionObject, objectId: string, permissionId: string) {
  const found = (await rows(actor, kind, objectId)).find((p) => p.id === permissionId);
  if (!found) throw new AppError("NOT_FOUND", `Permission ${permissionId} doesn't exist on this ${kind.replace("_", " ")}.`);
  return permissionNode(kind, objectId, found);
}

export async function grantOn(actor: Actor, kind: PermissionObject, objectId: string, grant: { role: string; userId: string }) {
  await KINDS[kind].visible(actor, objectId);
  const permission = await grantPermission({ userId: grant.userId, role: grant.role, objectType: kind, objectId }, actor);
  return permissionEntityNode(actor, kind, objectId, permission.id);
}

/** Only a permission on this object goes here; one on the whole system is revoked where it was given. */
export async function revokeOn(actor: Actor, kind: PermissionObject, objectId: string, permissionId: string) {
  const found = (await rows(actor, kind, objectId)).find((p) => p.id === permissionId);
  if (!found) throw new AppError("NOT_FOUND", `Permission ${permissionId} doesn't exist on this ${kind.replace("_", " ")}.`);
  if (found.objectType !== kind) throw new AppError("CONFLICT", `Permission ${permissionId} is given on the whole system; it covers this ${kind.replace("_", " ")} but is revoked on the system's permissions.`);
  await revokePermission({ permissionId }, actor);
}
