import { contentTypeOf, type WireFormat } from "./negotiate";
import type { RestReply } from "./reply";
import type { RestFailure } from "./fault";
import { renderJson } from "./wire/json";
import { renderXml } from "./wire/xml";
import type { OutDocument } from "./wire/tree";

// Turns a reply into an HTTP response. Every body carries its Content-Type: the Python SDK
// crashes on a body without one.

function body(document: OutDocument, format: WireFormat) {
  return format === "json" ? renderJson(document) : renderXml(document);
}

export function renderReply(reply: RestReply, format: WireFormat, origin: string) {
  const headers: Record<string, string> = { "Content-Type": contentTypeOf[format] };
  if (reply.location) headers.Location = `${origin}${reply.location}`;
  return new Response(body(reply.document, format), { status: reply.status, headers });
}

export function renderFailure(failure: RestFailure, format: WireFormat) {
  return new Response(body(failure.document, format), { status: failure.status, headers: { ...failure.headers, "Content-Type": contentTypeOf[format] } });
}
