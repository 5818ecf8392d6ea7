import "server-only";
import { checkPassword } from "./credentials";
import { issueToken, readToken } from "./tokens";
import { revoke } from "./revocations";
import { API_SCOPE } from "./authenticate";

// oVirt's SSO endpoints as the SDKs call them: a form body in, JSON out. The SDK ignores the
// HTTP status and fails the login on any `error` key, so errors carry one.

export interface SsoReply {
  status: number;
  json: Record<string, string>;
}

const MAX_FORM_BYTES = 16 * 1024;

export async function readForm(request: Request) {
  const text = await request.text();
  return new URLSearchParams(text.length > MAX_FORM_BYTES ? "" : text);
}

function failure(code: string, message: string): SsoReply {
  return { status: 400, json: { error_code: code, error: message } };
}

/** POST /ovirt-engine/sso/oauth/token: grant_type=password&scope=ovirt-app-api&username=…&password=… */
export async function grantToken(form: URLSearchParams): Promise<SsoReply> {
  const grantType = form.get("grant_type");
  if (grantType !== "password") return failure("unsupported_grant_type", `Grant type ${grantType ?? "(none)"} is not supported; use password.`);
  const username = form.get("username") ?? "";
  const password = form.get("password") ?? "";
  if (!username || !password) return failure("invalid_request", "Both username and password are required.");
  const scope = (form.get("scope") ?? API_SCOPE).trim() || API_SCOPE;
  if (scope.length > 500) return failure("invalid_scope", "The scope is too long.");
  const actor = await checkPassword(username, password);
  if (!actor) return failure("access_denied", `Cannot authenticate user '${username}': the user name or password is incorrect.`);
  const { token, claims } = issueToken(actor.name, scope);
  return { status: 200, json: { access_token: token, scope, exp: String(claims.exp), token_type: "bearer" } };
}

/** POST /ovirt-engine/services/sso-logout: scope=ovirt-app-api&token=… Always `{}`: logging out twice is fine. */
export function logout(form: URLSearchParams): SsoReply {
  const claims = readToken(form.get("token") ?? "");
  if (claims) revoke(claims.jti, claims.exp);
  return { status: 200, json: {} };
}
