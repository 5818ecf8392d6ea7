import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { Actor } from "@/lib/actor";
import { sessionActor } from "@/lib/auth/sessions";
import { SESSION_COOKIE } from "@/lib/session/cookie-name";

// The web adapter's side of authentication (not domain code): the user behind a browser
// request, from the session cookie. Without a valid session, to the login page.

export async function currentActor(): Promise<Actor> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const actor = await sessionActor(token);
  if (!actor) redirect("/login");
  return actor;
}
