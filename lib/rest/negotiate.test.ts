import { describe, expect, it } from "vitest";
import { bodyFormat, replyFormat } from "./negotiate";

describe("replyFormat", () => {
  it.each([
    [null, "xml"],
    ["*/*", "xml"],
    ["application/xml", "xml"],
    ["application/json", "json"],
    ["application/json, application/xml", "json"],
    ["application/xml;q=1, application/json", "xml"],
  ])("Accept %s gives %s", (accept, format) => {
    expect(replyFormat(accept)).toBe(format);
  });
});

describe("bodyFormat", () => {
  it("reads JSON only when labelled so; everything else as XML (curl sends -d as a form)", () => {
    expect(bodyFormat("application/json; charset=utf-8")).toBe("json");
    expect(bodyFormat("application/xml")).toBe("xml");
    expect(bodyFormat("application/x-www-form-urlencoded")).toBe("xml");
    expect(bodyFormat(null)).toBe("xml");
  });
});
