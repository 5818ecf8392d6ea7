import "server-only";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { actorForUser, authenticate as checkUserPassword } from "@/lib/auth/users";
import { recentlyVerified, rememberVerified } from "./basic-cache";

/** The actor for a correct user name and password (users of the portal), else null. */
export async function checkPassword(username: string, password: string): Promise<Actor | null> {
  const cached = await recentlyVerified(username, password);
  const userId = cached ?? (await checkUserPassword(username, password));
  if (!userId) return null;
  if (!cached) await rememberVerified(username, password, userId);
  return actorForUser(userId);
}

/** The actor a token names, if that user still exists (a deleted user's tokens stop working). */
export async function actorByName(name: string): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { name }, select: { id: true } });
  return user ? actorForUser(user.id) : null;
}
