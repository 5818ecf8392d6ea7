import "server-only";
import type { Actor } from "@/lib/actor";

/**
 * The user behind a browser request. Until logins exist (auth issue) the portal acts as the
 * built-in administrator; every server action already goes through here.
 */
export async function currentActor(): Promise<Actor> {
  return { name: "admin@internal" };
}
