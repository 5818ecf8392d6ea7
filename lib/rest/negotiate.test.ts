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
  it("reads XML and JSON as labelled, and nothing else", () => {
    expect(bodyFormat("application/json; charset=utf-8")).toBe("json");
    expect(bodyFormat("application/xml")).toBe("xml");
    expect(bodyFormat("text/xml")).toBe("xml");
    expect(bodyFormat("application/vnd.ovirt+xml")).toBe("xml");
    // Anything else is refused (415), as the engine does: a form, plain text, no label at all.
    for (const other of ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x", "application/octet-stream", null]) expect(bodyFormat(other)).toBeNull();
  });
});
