import { describe, expect, it } from "vitest";
import { parseXml, renderXml } from "./xml";

describe("parseXml", () => {
  it("reads attributes as fields, repeated elements as arrays and empty elements as empty strings", () => {
    const node = parseXml('<vm><name>a &amp; b</name><description/><template id="T"/><disk_attachments><disk_attachment><disk id="1"/></disk_attachment><disk_attachment><disk id="2"/></disk_attachment></disk_attachments></vm>', "vm");
    expect(node).toEqual({ name: "a & b", description: "", template: { id: "T" }, disk_attachments: { disk_attachment: [{ disk: { id: "1" } }, { disk: { id: "2" } }] } });
  });

  it("takes an empty root as an empty element", () => {
    expect(parseXml("<action/>", "action")).toEqual({});
    expect(parseXml('<?xml version="1.0"?><action></action>', "action")).toEqual({});
  });

  it.each([
    ["<vm><name>x</vm>", /Expected closing tag/],
    ["<disk/>", /expected root element <vm>, found <disk>/],
    ["<vm/><vm/>", /more than once/],
    ["<vm/><disk/>", /one root element/],
    ['<!DOCTYPE vm [<!ENTITY e "x">]><vm><name>&e;</name></vm>', /document type/],
    ['<vm><name id="1">x</name></vm>', /mixes text/],
    ['<vm id="1"><id>2</id></vm>', /both an attribute and an element/],
    ["<vm>text</vm>", /must contain elements/],
  ])("refuses %s", (xml, message) => {
    expect(() => parseXml(xml, "vm")).toThrow(message);
  });
});

describe("renderXml", () => {
  it("writes @-keys as attributes, arrays as repeated elements, escapes text and drops null leaves", () => {
    const xml = renderXml({ root: "vms", node: { vm: [{ "@id": "1", name: "a<b", memory: 1024, stateless: false, comment: null }, { "@id": "2" }] } });
    expect(xml).toBe('<vms><vm id="1"><name>a&lt;b</name><memory>1024</memory><stateless>false</stateless></vm><vm id="2"/></vms>');
  });

  it("escapes attributes, writes empty text and empty lists as empty elements, and reads back what it wrote", () => {
    const document = { root: "disks", node: { disk: [{ "@href": "/a?x=1&y=\"2\"", alias: "", description: "it's <d> & more", link: [] }] } };
    const xml = renderXml(document);
    expect(xml).toBe('<disks><disk href="/a?x=1&amp;y=&quot;2&quot;"><alias/><description>it&apos;s &lt;d&gt; &amp; more</description></disk></disks>');
    expect(parseXml(xml, "disks")).toEqual({ disk: { href: '/a?x=1&y="2"', alias: "", description: "it's <d> & more" } });
    expect(renderXml({ root: "disks", node: { disk: [] } })).toBe("<disks/>");
  });
});
