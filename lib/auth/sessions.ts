import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { actorOfUser } from "./users";

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

/** A sliding session's end moves at most this often: not a database write on every request. */
const SLIDE_STEP_MS = 60_000;

/**
 * The actor behind a live token of that kind, or null (unknown or expired; expired ones are
 * dropped), in one query. `slideSeconds` moves the end of a live one that far from now.
 */
export async function sessionActor(token: string | undefined, kind: SessionKind = "browser", slideSeconds?: number): Promise<Actor | null> {
  if (!token) return null;
  const session = await db.session.findUnique({ where: { id: digest(token) }, include: { user: { include: { permissions: true } } } });
  if (session?.kind !== kind) return null;
  if (session.expiresAt.getTime() <= Date.now()) {
    await db.session.delete({ where: { id: session.id } }).catch(() => undefined);
    return null;
  }
  const slidTo = slideSeconds ? Date.now() + slideSeconds * 1000 : 0;
  if (slidTo - session.expiresAt.getTime() >= SLIDE_STEP_MS) {
    await db.session.update({ where: { id: session.id }, data: { expiresAt: new Date(slidTo) } }).catch(() => undefined);
  }
  return actorOfUser(session.user);
}

export async function endSession(token: string | undefined) {
  if (token) await db.session.deleteMany({ where: { id: digest(token) } });
}
