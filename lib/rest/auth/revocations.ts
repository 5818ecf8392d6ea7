import "server-only";

// Tokens ended by logout, until they would have expired anyway. Kept in memory: after a
// restart with a fixed TOKEN_SECRET a logged-out token works again until its expiry (with
// the default random secret every token dies with the process instead).

const holder = globalThis as unknown as { multistoreRevokedTokens?: Map<string, number> };
holder.multistoreRevokedTokens ??= new Map<string, number>();
const revoked = holder.multistoreRevokedTokens;

export function revoke(jti: string, exp: number, now = Date.now()) {
  for (const [id, expiry] of revoked) if (expiry <= now) revoked.delete(id);
  if (exp > now) revoked.set(jti, exp);
}

export function isRevoked(jti: string) {
  return revoked.has(jti);
}
