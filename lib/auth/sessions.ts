import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";

// Browser sessions (cookies): a random secret handed to the client once; the database keeps only
// its SHA-256, so a leaked database holds no usable token. (API bearer tokens are stateless HMAC
// tokens: lib/rest/auth/tokens.ts.)

export const BROWSER_SESSION_SECONDS = 8 * 3600;

function digest(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export async function createSession(userId: string) {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + BROWSER_SESSION_SECONDS * 1000);
  await db.session.create({ data: { id: digest(token), userId, kind: "browser", expiresAt } });
  return { token, expiresAt };
}

/** The user id behind a live token, or null (unknown or expired; expired ones are dropped). */
export async function sessionUser(token: string | undefined) {
  if (!token) return null;
  const session = await db.session.findUnique({ where: { id: digest(token) } });
  if (session?.kind !== "browser") return null;
  if (session.expiresAt.getTime() <= Date.now()) {
    await db.session.delete({ where: { id: session.id } }).catch(() => undefined);
    return null;
  }
  return session.userId;
}

export async function endSession(token: string | undefined) {
  if (token) await db.session.deleteMany({ where: { id: digest(token) } });
}
