// Which of oVirt's two wire forms a request speaks and wants back. XML is the default: the
// SDKs send `Accept: application/xml`, and a client that says nothing gets what they get.

export type WireFormat = "xml" | "json";

const mediaTypes = (header: string) => header.split(",").map((part) => part.split(";")[0].trim().toLowerCase());

/** JSON only when the client lists it before XML (or lists no XML at all). */
export function replyFormat(accept: string | null): WireFormat {
  const types = mediaTypes(accept ?? "");
  const json = types.findIndex((t) => t === "application/json");
  const xml = types.findIndex((t) => t === "application/xml" || t === "text/xml");
  return json >= 0 && (xml < 0 || json < xml) ? "json" : "xml";
}

/**
 * The form of a request body: JSON when labelled so, otherwise XML. Anything else counts as
 * XML because curl labels `-d '<vm>…'` as a form; a body that is not XML then fails as such.
 */
export function bodyFormat(contentType: string | null): WireFormat {
  const type = mediaTypes(contentType ?? "")[0] ?? "";
  return type === "application/json" || type.endsWith("+json") ? "json" : "xml";
}

export const contentTypeOf: Record<WireFormat, string> = { xml: "application/xml", json: "application/json" };
