"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { authenticate } from "@/lib/auth/users";
import { createSession, endSession } from "@/lib/auth/sessions";
import { loginSchema, type LoginInput } from "@/lib/schemas/auth";
import { SESSION_COOKIE } from "@/lib/session/cookie-name";
import type { ActionResult } from "@/lib/action-result";

async function secureRequest() {
  return (await headers()).get("x-forwarded-proto") === "https";
}

/** Logs in: a new session every time (the old one, if any, is ended), then back to `next`. */
export async function loginAction(input: LoginInput): Promise<ActionResult> {
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Enter a user name and a password.", fieldErrors: {} };
  const userId = await authenticate(parsed.data.name, parsed.data.password);
  if (!userId) return { ok: false, message: "Wrong user name or password.", fieldErrors: {} };
  const jar = await cookies();
  await endSession(jar.get(SESSION_COOKIE)?.value);
  const { token, expiresAt } = await createSession(userId);
  jar.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", secure: await secureRequest(), path: "/", expires: expiresAt });
  const next = parsed.data.next?.startsWith("/") && !parsed.data.next.startsWith("//") ? parsed.data.next : "/";
  redirect(next);
}

export async function logoutAction() {
  const jar = await cookies();
  await endSession(jar.get(SESSION_COOKIE)?.value);
  jar.delete(SESSION_COOKIE);
  redirect("/login");
}
