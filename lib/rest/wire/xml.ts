import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { AppError } from "@/lib/errors";
import { isNode, pruneEmpty, type OutDocument, type OutNode, type WireNode, type WireValue } from "./tree";

// XML bodies as oVirt writes them: id/href/rel as attributes, everything else as elements.

const ATTR = "@";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 32,
});

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: ATTR, suppressEmptyNode: true, suppressBooleanAttributes: false });

function invalid(detail: string): never {
  throw new AppError("VALIDATION", `Malformed XML: ${detail}`);
}

/**
 * Parses a request body whose root must be `root`. Attributes become plain fields (an
 * attribute and an element of the same name are refused), DTDs are refused outright so no
 * entity tricks reach the parser.
 */
export function parseXml(text: string, root: string): WireNode {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) invalid("document type declarations are not accepted.");
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(text, true) as Record<string, unknown>;
  } catch (error) {
    invalid((error as Error).message);
  }
  const roots = Object.keys(parsed);
  if (roots.length !== 1) invalid(`expected one root element <${root}>, found ${roots.length ? roots.map((r) => `<${r}>`).join(", ") : "none"}.`);
  if (roots[0] !== root) invalid(`expected root element <${root}>, found <${roots[0]}>.`);
  const value = normalize(parsed[root], root);
  if (Array.isArray(value)) invalid(`<${root}> appears more than once.`);
  return typeof value === "string" ? (value === "" ? {} : invalid(`<${root}> must contain elements, not text.`)) : value;
}

function normalize(value: unknown, path: string): WireValue {
  if (Array.isArray(value)) return value.map((item) => normalize(item, path));
  if (!isNode(value)) return String(value ?? "");
  const node: WireNode = {};
  for (const [key, child] of Object.entries(value)) {
    const name = key.startsWith(ATTR) ? key.slice(ATTR.length) : key;
    if (name === "#text") invalid(`<${path}> mixes text with attributes or elements.`);
    if (name in node) invalid(`<${path}> has both an attribute and an element named ${name}.`);
    node[name] = normalize(child, `${path}/${name}`);
  }
  return node;
}

export function renderXml(document: OutDocument): string {
  return builder.build({ [document.root]: pruneEmpty(document.node) }) as string;
}

/** A collection in pieces, for streaming: `<root>`, each item's element, `</root>`. */
export const xmlCollection = {
  open: (root: string) => `<${root}>`,
  items: (item: string, nodes: OutNode[]) => nodes.map((node) => builder.build({ [item]: pruneEmpty(node) }) as string).join(""),
  close: (root: string) => `</${root}>`,
};
