import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/actor";
import { can } from "@/lib/auth/authorize";

// An object's Permissions sub-tab, as oVirt shows it: who holds which role on the object itself,
// and who holds one on the whole system (inherited by every object). Who holds what is the user
// administrators' business: anyone else sees only their own grants.

export async function objectPermissions(objectType: "vm" | "template" | "storage_domain", objectId: string, actor: Actor) {
  const onObject = { OR: [{ objectType, objectId }, { objectType: "system" }] };
  const where = can(actor, "manage_users") ? onObject : { AND: [onObject, { userId: actor.userId ?? "" }] };
  const rows = await db.permission.findMany({
    where,
    include: { user: { select: { name: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((p) => ({ id: p.id, userId: p.userId, user: p.user.name, role: p.role, objectType: p.objectType, objectId: p.objectId, inheritedFrom: p.objectType === "system" ? "System" : null }));
}
