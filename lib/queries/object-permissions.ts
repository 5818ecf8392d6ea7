import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/actor";

// An object's Permissions sub-tab, as oVirt shows it: who holds which role on the object itself,
// and who holds one on the whole system (inherited by every object).

export async function objectPermissions(objectType: "vm" | "template" | "storage_domain", objectId: string, _actor: Actor) {
  const rows = await db.permission.findMany({
    where: { OR: [{ objectType, objectId }, { objectType: "system" }] },
    include: { user: { select: { name: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((p) => ({ id: p.id, user: p.user.name, role: p.role, inheritedFrom: p.objectType === "system" ? "System" : null }));
}
