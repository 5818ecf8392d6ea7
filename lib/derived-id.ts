import { createHash } from "node:crypto";

/**
 * A stable UUID (version 5 layout) derived from a seed: for objects the engine has that the
 * portal does not store (its host, a domain's default disk profile), so their ids survive restarts.
 */
export function derivedUuid(seed: string) {
  const hex = createHash("sha1").update(seed).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
