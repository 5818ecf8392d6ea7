import { AppError } from "@/lib/errors";
import { isNode, pruneEmpty, type OutDocument, type OutNode, type OutValue, type WireNode, type WireValue } from "./tree";

// oVirt's JSON form: the document is the root element's content, attributes are plain fields
// and every leaf is a string ("memory": "1073741824", "sparse": "true").

export function parseJson(text: string): WireNode {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AppError("VALIDATION", `Malformed JSON: ${(error as Error).message}`);
  }
  if (!isNode(parsed)) throw new AppError("VALIDATION", "Malformed JSON: the body must be an object.");
  return normalize(parsed, "", 0) as WireNode;
}

// The same cap as XML's nesting: no oVirt body is deeper, and a deeper one must not exhaust the stack.
const MAX_DEPTH = 32;

function normalize(value: unknown, path: string, depth: number): WireValue {
  if (depth > MAX_DEPTH) throw new AppError("VALIDATION", `Malformed JSON: nested deeper than ${MAX_DEPTH} levels.`);
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map((item, i) => normalize(item, `${path}.${i}`, depth + 1));
  if (isNode(value)) return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, normalize(child, path ? `${path}.${key}` : key, depth + 1)]));
  throw new AppError("VALIDATION", `Malformed JSON: ${path || "the body"} is null.`);
}

export function renderJson(document: OutDocument): string {
  return JSON.stringify(stringify(pruneEmpty(document.node)));
}

/** A collection in pieces, for streaming: `{"item":[`, the items (comma-led after the first), `]}`. */
export const jsonCollection = {
  open: (item: string) => `{${JSON.stringify(item)}:[`,
  items: (nodes: OutNode[], first: boolean) => (first ? "" : ",") + nodes.map((node) => JSON.stringify(stringify(pruneEmpty(node)))).join(","),
  close: () => "]}",
};

function stringify(value: OutValue): unknown {
  if (Array.isArray(value)) return value.map(stringify);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key.startsWith("@") ? key.slice(1) : key, stringify(child)]));
  }
  return String(value);
}
