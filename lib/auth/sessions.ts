import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";

// Sessions (cookies): a random secret handed to the client once; the database keeps only its
// SHA-256, so a leaked database holds no usable token. "browser" sessions are the portal's login;
// "api" sessions are oVirt's persistent-auth (JSESSIONID) for REST clients, which slide: each use
// pushes the end back by their idle time. (API bearer tokens are stateless HMAC tokens:
// lib/rest/auth/tokens.ts.)

export const BROWSER_SESSION_SECONDS = 8 * 3600;

function digest(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

type SessionKind = "browser" | "api";

export async function createSession(userId: string, kind: SessionKind = "browser", seconds = BROWSER_SESSION_SECONDS) {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + seconds * 1000);
  await db.session.create({ data: { id: digest(token), userId, kind, expiresAt } });
  return { token, expiresAt };
}

/**
 * The user id behind a live token of that kind, or null (unknown or expired; expired ones are
 * dropped). `slideSeconds` moves the end of a live one that far from now.
 */
export async function sessionUser(token: string | undefined, kind: SessionKind = "browser", slideSeconds?: number) {
  if (!token) return null;
  const session = await db.session.findUnique({ where: { id: digest(token) } });
  if (session?.kind !== kind) return null;
  if (session.expiresAt.getTime() <= Date.now()) {
    await db.session.delete({ where: { id: session.id } }).catch(() => undefined);
    return null;
  }
  if (slideSeconds) await db.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() + slideSeconds * 1000) } }).catch(() => undefined);
  return session.userId;
}

export async function endSession(token: string | undefined) {
  if (token) await db.session.deleteMany({ where: { id: digest(token) } });
}
