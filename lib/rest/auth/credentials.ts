import "server-only";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { actorOfUser, authenticate as checkUserPassword } from "@/lib/auth/users";
import { recentlyVerified, rememberVerified } from "./basic-cache";

// Each request of a REST client authenticates: a remembered credential or a token costs one
// query (the user with its permissions), read fresh so a changed password or role counts at once.

const withPermissions = { permissions: true } as const;

/** The actor for a correct user name and password (users of the portal), else null. */
export async function checkPassword(username: string, password: string): Promise<Actor | null> {
  const cached = recentlyVerified(username, password);
  if (cached) {
    const user = await db.user.findUnique({ where: { id: cached.userId }, include: withPermissions });
    if (user && user.passwordHash === cached.passwordHash) return actorOfUser(user);
  }
  const userId = await checkUserPassword(username, password);
  const user = userId && (await db.user.findUnique({ where: { id: userId }, include: withPermissions }));
  if (!user) return null;
  rememberVerified(username, password, user);
  return actorOfUser(user);
}

/** The actor a token names, if that user still exists (a deleted user's tokens stop working). */
export async function actorByName(name: string): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { name }, include: withPermissions });
  return user && actorOfUser(user);
}
