import { XMLParser } from "fast-xml-parser";

// Parses API replies the way a client reads them: attributes (id, href, rel) as plain fields,
// every item of a plural wrapper (<vms><vm/>…, <storage_domains><storage_domain/>…) and every
// <link> as an array, leaves as strings.

// biome-ignore lint/suspicious/noExplicitAny: loosely typed on purpose, the assertions themselves check the shape
export type Doc = Record<string, any>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name, jpath) => {
    const parts = String(jpath).split(".");
    return name === "link" || parts.at(-2) === `${name}s`;
  },
});

export function parseXml(text: string): Doc {
  return parser.parse(text, true) as Doc;
}

/** The items of a list reply: `items(doc, "vms", "vm")`; an empty list has none. */
export function items(doc: Doc, root: string, item: string): Doc[] {
  const wrapper = doc[root];
  return wrapper && typeof wrapper === "object" ? (wrapper[item] ?? []) : [];
}
