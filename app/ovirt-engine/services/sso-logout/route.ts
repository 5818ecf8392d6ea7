// POST /ovirt-engine/services/sso-logout: ends the token in the form body (token=…).
import { logout, readForm } from "@/lib/rest/auth/sso";

export async function POST(request: Request) {
  const { status, json } = logout(await readForm(request));
  return Response.json(json, { status });
}
