import { describe, expect, it } from "vitest";
import { parseJson, renderJson } from "./json";

describe("parseJson", () => {
  it("turns every leaf into a string, as the XML form has it", () => {
    expect(parseJson('{"name":"d","provisioned_size":1073741824,"sparse":true,"storage_domains":{"storage_domain":[{"id":"S"}]}}')).toEqual({
      name: "d",
      provisioned_size: "1073741824",
      sparse: "true",
      storage_domains: { storage_domain: [{ id: "S" }] },
    });
  });

  it.each([["{", /Malformed JSON/], ["[1]", /must be an object/], ['{"name":null}', /name is null/]])("refuses %s", (text, message) => {
    expect(() => parseJson(text)).toThrow(message);
  });
});

describe("renderJson", () => {
  it("writes the root's content with attributes as fields and every value a string", () => {
    expect(JSON.parse(renderJson({ root: "vm", node: { "@id": "1", memory: 512, stateless: false, template: { "@id": "T" }, gone: undefined } }))).toEqual({
      id: "1",
      memory: "512",
      stateless: "false",
      template: { id: "T" },
    });
  });
});
