// Which of oVirt's two wire forms a request speaks and wants back. XML is the default: the
// SDKs send `Accept: application/xml`, and a client that says nothing gets what they get.

export type WireFormat = "xml" | "json";

const mediaTypes = (header: string) => header.split(",").map((part) => part.split(";")[0].trim().toLowerCase());

/** JSON only when the client lists it before XML (or lists no XML at all). */
export function replyFormat(accept: string | null): WireFormat {
  const types = mediaTypes(accept ?? "");
  const json = types.indexOf("application/json");
  const xml = types.findIndex((t) => t === "application/xml" || t === "text/xml");
  return json >= 0 && (xml < 0 || json < xml) ? "json" : "xml";
}

/**
 * The form of a request body, from its Content-Type: XML or JSON, as the engine takes them; null
 * for anything else (a form, plain text, none), which the caller refuses with 415. curl users
 * add `-H 'Content-Type: application/xml'`, as for the engine.
 */
export function bodyFormat(contentType: string | null): WireFormat | null {
  const type = mediaTypes(contentType ?? "")[0] ?? "";
  if (type === "application/json" || type.endsWith("+json")) return "json";
  if (type === "application/xml" || type === "text/xml" || type.endsWith("+xml")) return "xml";
  return null;
}

export const contentTypeOf: Record<WireFormat, string> = { xml: "application/xml", json: "application/json" };
