import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Actor } from "@/lib/actor";
import { hashPassword, verifyPassword } from "./passwords";

export const ADMIN_NAME = "admin@internal";

/** The actor for a user: their name and every permission they hold. */
export async function actorForUser(userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { id: userId }, include: { permissions: true } });
  return user && actorOfUser(user);
}

/** The actor of a user row read with its permissions. */
export function actorOfUser(user: { id: string; name: string; permissions: { role: string; objectType: string; objectId: string | null }[] }): Actor {
  return { name: user.name, userId: user.id, permissions: user.permissions.map(({ role, objectType, objectId }) => ({ role, objectType, objectId })) };
}

/** Checks a name and password; returns the user id or null. Same cost whether the user exists or not. */
export async function authenticate(name: string, password: string) {
  const user = await db.user.findUnique({ where: { name } });
  const ok = await verifyPassword(password, user?.passwordHash ?? "$2b$10$invalidinvalidinvalidinvalidinvalidinvalidinvalidinva");
  return ok && user ? user.id : null;
}

/**
 * First start: creates admin@internal as SuperUser, with ADMIN_PASSWORD or a generated
 * password printed once to the server log.
 */
export async function ensureAdminUser() {
  if (await db.user.findUnique({ where: { name: ADMIN_NAME } })) return null;
  const password = env.ADMIN_PASSWORD ?? randomBytes(12).toString("base64url");
  const id = randomUUID();
  const created = await db.user
    .create({
      data: { id, name: ADMIN_NAME, passwordHash: await hashPassword(password), permissions: { create: { id: randomUUID(), role: "SuperUser", objectType: "system" } } },
    })
    .then(
      () => true,
      // Another instance starting beside this one created it first.
      async (error) => {
        if (await db.user.findUnique({ where: { name: ADMIN_NAME } })) return false;
        throw error;
      },
    );
  if (!created) return null;
  if (!env.ADMIN_PASSWORD) console.log(`admin account created: ${ADMIN_NAME} / ${password} (set ADMIN_PASSWORD to choose it; shown only once)`);
  return id;
}
