// The neutral shape of API bodies, shared by the XML and JSON forms, so that request parsers
// and serializers never know which of the two the client speaks.

/** A parsed request body: leaves are strings (XML has no other type); repeated elements are arrays. */
export type WireValue = string | WireNode | WireValue[];
export interface WireNode {
  [name: string]: WireValue;
}

/**
 * A response body being built. Keys starting with "@" are XML attributes (id, href, rel);
 * null and undefined leaves are left out.
 */
export type OutValue = string | number | boolean | null | undefined | OutNode | OutValue[];
export interface OutNode {
  [name: string]: OutValue;
}

/** A whole response document: the XML root element name and its content. */
export interface OutDocument {
  root: string;
  node: OutNode;
}

export function isNode(value: unknown): value is WireNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Drops null/undefined leaves so neither renderer has to think about them. */
export function pruneEmpty(node: OutNode): OutNode {
  const result: OutNode = {};
  for (const [key, value] of Object.entries(node)) {
    const pruned = pruneValue(value);
    if (pruned !== undefined) result[key] = pruned;
  }
  return result;
}

function pruneValue(value: OutValue): OutValue {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map(pruneValue).filter((v) => v !== undefined);
  if (typeof value === "object") return pruneEmpty(value);
  return value;
}
