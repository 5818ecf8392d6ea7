import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE } from "@/lib/session/cookie-name";

// Sends browsers without a session cookie to the login page. Whether the cookie is valid is
// checked on the server for every page and action (lib/session/current-actor.ts); the REST API
// answers 401 itself.
export function proxy(request: NextRequest) {
  if (request.cookies.has(SESSION_COOKIE)) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set("next", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!login|api/health|ovirt-engine|images/|_next|favicon.ico).*)"],
};
