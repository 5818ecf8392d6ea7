import "server-only";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { authenticateRequest } from "./auth/authenticate";
import { failureFor } from "./fault";
import { replyFormat } from "./negotiate";
import { parseQuery, type RestQuery } from "./query";
import { readBody } from "./request-body";
import { renderFailure, renderReply } from "./render";
import type { RestReply } from "./reply";
import type { WireNode } from "./wire/tree";

// The one wrapper every API route handler goes through: authentication, the wire format,
// query parameters, ids from the path, and the mapping of every error to a <fault>. A
// handler inside it only parses, calls the domain layer and serializes.

export interface RestContext<P> {
  actor: Actor;
  params: P;
  query: RestQuery;
  /** Scheme and host the client used (for absolute URLs such as a transfer's). */
  origin: string;
  /** The request body, whose XML root must be `root` (JSON bodies have none). */
  body(root: string): Promise<WireNode>;
}

type Params = Record<string, string | string[]>;

// Ids in paths are UUIDs (or oVirt's all-zero Blank id): anything else cannot name an entity,
// and must never reach a query or a file path.
const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

function checkIds<P extends Params>(params: P): P {
  for (const value of Object.values(params)) {
    if (typeof value === "string" && !ID_PATTERN.test(value)) throw new AppError("NOT_FOUND", `Entity not found: ${value.slice(0, 100)}.`);
  }
  return params;
}

function checkVersion(request: Request) {
  const version = request.headers.get("version");
  if (version !== null && version.trim() !== "4") throw new AppError("VALIDATION", `API version ${version} is not supported; this server speaks version 4.`);
}

/** The origin the client used (Next.js rebuilds request.url from its own host name). */
function publicOrigin(request: Request, url: URL) {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return host ? `${proto}://${host}` : url.origin;
}

export function restRoute<P extends Params = Record<string, never>>(handle: (context: RestContext<P>) => Promise<RestReply>) {
  return async (request: Request, context: { params?: Promise<P> }): Promise<Response> => {
    const format = replyFormat(request.headers.get("accept"));
    try {
      const { actor, setCookie } = await authenticateRequest(request);
      checkVersion(request);
      const url = new URL(request.url);
      // Routes without dynamic segments get no params at all.
      const params = checkIds((await context.params) ?? ({} as P));
      const origin = publicOrigin(request, url);
      const reply = await handle({ actor, params, origin, query: parseQuery(url), body: (root) => readBody(request, root) });
      const response = renderReply(reply, format, origin);
      if (setCookie) response.headers.append("set-cookie", setCookie);
      return response;
    } catch (error) {
      return renderFailure(failureFor(error), format);
    }
  };
}
