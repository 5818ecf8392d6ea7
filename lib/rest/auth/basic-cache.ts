import "server-only";
import { createHmac, randomBytes } from "node:crypto";

// Scripts that use HTTP Basic send the password with every request, and bcrypt costs 100–250 ms
// each time. A verified credential is remembered for a minute, under a keyed hash of name and
// password (never the password itself), and only while the user's stored hash is unchanged, so
// a password change or a deleted user ends it at once.

const TTL_MS = 60_000;
const MAX_ENTRIES = 1000;
const key = randomBytes(32);
const verified = new Map<string, { userId: string; passwordHash: string; expiresAt: number }>();

function cacheKey(name: string, password: string) {
  return createHmac("sha256", key).update(`${name}\u0000${password}`).digest("hex");
}

/** What a credential verified within the last minute was checked against: its user and that user's hash then. */
export function recentlyVerified(name: string, password: string) {
  const hit = verified.get(cacheKey(name, password));
  return hit && hit.expiresAt >= Date.now() ? { userId: hit.userId, passwordHash: hit.passwordHash } : null;
}

export function rememberVerified(name: string, password: string, user: { id: string; passwordHash: string }) {
  if (verified.size >= MAX_ENTRIES) verified.delete(verified.keys().next().value!);
  verified.set(cacheKey(name, password), { userId: user.id, passwordHash: user.passwordHash, expiresAt: Date.now() + TTL_MS });
}
