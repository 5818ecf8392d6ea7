// POST /ovirt-engine/sso/oauth/token: a bearer token for grant_type=password (form body, JSON reply).
import { grantToken, readForm } from "@/lib/rest/auth/sso";

export async function POST(request: Request) {
  const { status, json } = await grantToken(await readForm(request));
  return Response.json(json, { status });
}
