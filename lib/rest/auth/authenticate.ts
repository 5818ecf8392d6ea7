import "server-only";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { actorByName, checkPassword } from "./credentials";
import { openSession, prefersPersistentAuth, sessionOfRequest } from "./persistent-auth";
import { verifyToken } from "./tokens";

export const API_SCOPE = "ovirt-app-api";

/**
 * Who is calling, and the session cookie to set when the client asked for persistent-auth
 * with its credentials (lib/rest/auth/persistent-auth.ts). A live session cookie sent with
 * `Prefer: persistent-auth` and no credentials is enough.
 */
export async function authenticateRequest(request: Request): Promise<{ actor: Actor; setCookie?: string }> {
  if (!request.headers.get("authorization")) {
    const actor = await sessionOfRequest(request);
    if (actor) return { actor };
  }
  const actor = await authenticate(request);
  if (!prefersPersistentAuth(request) || !actor.userId || (await sessionOfRequest(request))) return { actor };
  return { actor, setCookie: await openSession(request, actor.userId) };
}

/**
 * Who is calling: a bearer token from the SSO endpoint, or HTTP Basic. 401 when neither
 * proves anything (the SDKs then fetch a new token and retry once); 403 for a genuine token
 * whose scope does not include the API.
 */
export async function authenticate(request: Request): Promise<Actor> {
  const header = request.headers.get("authorization") ?? "";
  const [scheme, value = ""] = header.split(/\s+/, 2);
  if (/^bearer$/i.test(scheme)) {
    const claims = verifyToken(value);
    if (!claims) throw new AppError("UNAUTHORIZED", "The access token is invalid or has expired; request a new one.");
    if (!claims.scope.split(" ").includes(API_SCOPE)) throw new AppError("FORBIDDEN", `The access token was not issued for scope ${API_SCOPE}.`);
    const actor = await actorByName(claims.sub);
    if (!actor) throw new AppError("UNAUTHORIZED", "The token's user no longer exists.");
    return actor;
  }
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const actor = colon > 0 ? await checkPassword(decoded.slice(0, colon), decoded.slice(colon + 1)) : null;
    if (!actor) throw new AppError("UNAUTHORIZED", "Invalid user name or password.");
    return actor;
  }
  throw new AppError("UNAUTHORIZED", "Authentication required: send a bearer token or HTTP Basic credentials (or, with Prefer: persistent-auth, a live session cookie).");
}
