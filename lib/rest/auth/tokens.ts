import "server-only";
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { isRevoked } from "./revocations";

// Stateless bearer tokens: base64url(claims) "." base64url(HMAC-SHA256(claims)). Nothing is
// stored per token, so any number of clients can log in; expiry is inside the signed claims.

export interface TokenClaims {
  /** User name, e.g. admin@internal. */
  sub: string;
  /** Space-separated SSO scopes the token was issued for. */
  scope: string;
  /** Expiry, epoch milliseconds (oVirt's `exp`). */
  exp: number;
  /** Token id, so one token can be revoked at logout. */
  jti: string;
}

// Route handlers can be bundled separately; the secret must still be one per process.
const holder = globalThis as unknown as { multistoreTokenSecret?: Buffer };
holder.multistoreTokenSecret ??= env.TOKEN_SECRET ? Buffer.from(env.TOKEN_SECRET, "utf8") : randomBytes(32);
const secret = holder.multistoreTokenSecret;

const sign = (payload: string) => createHmac("sha256", secret).update(payload).digest("base64url");

export function issueToken(user: string, scope: string, now = Date.now()) {
  const claims: TokenClaims = { sub: user, scope, exp: now + env.TOKEN_TTL_SECONDS * 1000, jti: randomUUID() };
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return { token: `${payload}.${sign(payload)}`, claims };
}

/** The claims of a genuine token, even an expired or revoked one; null for anything forged or garbled. */
export function readToken(token: string): TokenClaims | null {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as TokenClaims;
    return typeof claims.sub === "string" && typeof claims.exp === "number" && typeof claims.jti === "string" ? claims : null;
  } catch {
    return null;
  }
}

/** The claims of a token that may be used now: genuine, unexpired and not logged out. */
export function verifyToken(token: string, now = Date.now()): TokenClaims | null {
  const claims = readToken(token);
  return claims && claims.exp > now && !isRevoked(claims.jti) ? claims : null;
}
