import type { OutDocument, OutNode } from "./wire/tree";

// What a route handler returns: a status and a document, in neither XML nor JSON yet.

export interface RestReply {
  status: number;
  document: OutDocument;
  /** Path of a created entity, answered as an absolute Location header. */
  location?: string;
  /** A collection written out batch by batch as it is read (the document is then its empty envelope). */
  stream?: { item: string; batches: AsyncIterable<OutNode[]> };
}

/** GET of one entity: exactly 200. */
export function entityReply(root: string, node: OutNode): RestReply {
  return { status: 200, document: { root, node } };
}

/** GET of a collection: `<vms><vm/>…</vms>`, exactly 200. */
export function listReply(root: string, item: string, nodes: OutNode[]): RestReply {
  return { status: 200, document: { root, node: { [item]: nodes } } };
}

/** GET of a large collection: the same body as listReply, streamed as its rows are read. */
export function streamedListReply(root: string, item: string, batches: AsyncIterable<OutNode[]>): RestReply {
  return { status: 200, document: { root, node: {} }, stream: { item, batches } };
}

/** POST to a collection: 201 with the new entity (still locked while its job runs). */
export function createdReply(root: string, node: OutNode): RestReply {
  return { status: 201, document: { root, node }, location: typeof node["@href"] === "string" ? node["@href"] : undefined };
}

/** An action that took effect at once (no job): 200, status complete. */
export function completeReply(extra: OutNode = {}): RestReply {
  return { status: 200, document: { root: "action", node: { ...extra, status: "complete" } } };
}
