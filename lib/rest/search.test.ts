import { describe, expect, it } from "vitest";
import { globMatch, literalFragment, matchesAll, parseSearch } from "./search";

describe("parseSearch", () => {
  it("reads key=value terms joined by and, with quotes", () => {
    expect(parseSearch('name=web* AND status = down and id="x"', ["name", "status", "id"])).toEqual({ name: "web*", status: "down", id: "x" });
  });

  it.each([
    ["cpu=4", /Search by cpu is not supported/],
    ["name=a or name=b", /OR is not supported/],
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
    expect(matchesAll({ storage: "nfs-*", name: "db*" }, { storage: ["local", "nfs-gold"], name: "db-01" })).toBe(true);
    expect(matchesAll({ storage: "nfs-*", name: "web*" }, { storage: ["nfs-gold"], name: "db-01" })).toBe(false);
  });

  it("offers the longest literal run for a database prefilter", () => {
    expect(literalFragment("*a*gold*")).toBe("gold");
    expect(literalFragment("*")).toBeUndefined();
  });
});
