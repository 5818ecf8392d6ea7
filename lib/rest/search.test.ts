import { describe, expect, it } from "vitest";
import { commonTerms, globMatch, literalFragment, matchesAll, parseSearch } from "./search";

describe("parseSearch", () => {
  it("reads key=value terms joined by and, with quotes", () => {
    expect(parseSearch('name=web* AND status = down and id="x"', ["name", "status", "id"])).toEqual([{ name: "web*", status: "down", id: "x" }]);
    expect(parseSearch("", ["name"])).toEqual([]);
  });

  it("reads alternatives joined by or, and binding tighter", () => {
    const search = parseSearch("name=web* and status=up OR name=db-01", ["name", "status"]);
    expect(search).toEqual([{ name: "web*", status: "up" }, { name: "db-01" }]);
    expect(matchesAll(search, { name: "db-01", status: "down" })).toBe(true);
    expect(matchesAll(search, { name: "web-01", status: "down" })).toBe(false);
    expect(matchesAll(search, { name: "web-01", status: "up" })).toBe(true);
    expect(commonTerms(search)).toEqual({});
  });

  it.each([
    ["cpu=4", /Search by cpu is not supported/],
    ["name=a or cpu=2", /Search by cpu is not supported/],
    ["web-01", /Cannot parse/],
  ])("refuses %s", (search, message) => {
    expect(() => parseSearch(search, ["name"])).toThrow(message);
  });
});

describe("globMatch", () => {
  it.each([
    ["web*", "web-01", true],
    ["web*", "my-web", false],
    ["*-01", "db-01", true],
    ["WEB-0*", "web-02", true],
    ["db.01", "db-01", false],
    ["a*b*c", "a-x-b-y-c", true],
  ])("%s against %s is %s", (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected);
  });
});

describe("matchesAll", () => {
  it("matches a list field when any value matches, and every term must match", () => {
    expect(matchesAll([{ storage: "nfs-*", name: "db*" }], { storage: ["local", "nfs-gold"], name: "db-01" })).toBe(true);
    expect(matchesAll([{ storage: "nfs-*", name: "web*" }], { storage: ["nfs-gold"], name: "db-01" })).toBe(false);
    expect(matchesAll([], { name: "anything" })).toBe(true);
  });

  it("offers the longest literal run for a database prefilter", () => {
    expect(literalFragment("*a*gold*")).toBe("gold");
    expect(literalFragment("*")).toBeUndefined();
  });
});
