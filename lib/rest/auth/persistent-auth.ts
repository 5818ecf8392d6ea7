import "server-only";
import { createSession, sessionActor } from "@/lib/auth/sessions";

// oVirt's persistent-auth: a client that sends `Prefer: persistent-auth` with its credentials
// gets a session cookie (JSESSIONID) and may send that cookie, again with the Prefer header,
// instead of credentials: no password check (bcrypt) on every call. `Session-TTL` (minutes) sets
// the idle time, 30 by default, as in the engine.

export const SESSION_COOKIE = "JSESSIONID";
const DEFAULT_TTL_MINUTES = 30;
const MAX_TTL_MINUTES = 24 * 60;

export function prefersPersistentAuth(request: Request) {
  return (request.headers.get("prefer") ?? "").split(",").some((p) => p.trim().toLowerCase() === "persistent-auth");
}

function ttlSeconds(request: Request) {
  const asked = Number(request.headers.get("session-ttl"));
  const minutes = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_TTL_MINUTES) : DEFAULT_TTL_MINUTES;
  return minutes * 60;
}

function cookieValue(request: Request) {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE) return value.join("=");
  }
  return undefined;
}

/** The actor of the session the request's cookie names (persistent-auth requests only), or null. */
export async function sessionOfRequest(request: Request) {
  if (!prefersPersistentAuth(request)) return null;
  return sessionActor(cookieValue(request), "api", ttlSeconds(request));
}

/** A new session for a request that asked for one: the Set-Cookie header value. */
export async function openSession(request: Request, userId: string) {
  const { token } = await createSession(userId, "api", ttlSeconds(request));
  return `${SESSION_COOKIE}=${token}; Path=/ovirt-engine/api; HttpOnly; SameSite=Strict`;
}
