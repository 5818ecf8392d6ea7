import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { env } from "@/lib/env";

// The one account until users and permissions arrive (see README): admin@internal.
export const ADMIN_USER = "admin@internal";

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** The actor for a correct user name and password, else null. Compares in constant time. */
export function checkPassword(username: string, password: string): Actor | null {
  const passwordOk = timingSafeEqual(digest(password), digest(env.ADMIN_PASSWORD));
  return passwordOk && username === ADMIN_USER ? { name: ADMIN_USER } : null;
}
