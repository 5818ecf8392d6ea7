import { describe, expect, it } from "vitest";
import { globMatch, pageWindow, parseListParams, searchConditions } from "./pagination";

describe("list parameters", () => {
  it("fall back to defaults on bad values instead of failing the page", () => {
    expect(parseListParams({ page: "-3", pageSize: "100000", order: "sideways" })).toMatchObject({ page: 1, pageSize: 50, order: "asc" });
    expect(pageWindow(parseListParams({ page: "3", pageSize: "100" }))).toEqual({ skip: 200, take: 100 });
  });

  it("search every list one way: plain text anywhere in the name, `*` anchors the pattern", () => {
    expect(searchConditions("web")).toEqual([{ contains: "web" }]);
    expect(searchConditions("web*")).toEqual([{ startsWith: "web" }]);
    expect(searchConditions("*-01")).toEqual([{ endsWith: "-01" }]);
    expect(searchConditions("*db*")).toEqual([{ contains: "db" }]);
    expect(searchConditions("db*01")).toEqual([{ startsWith: "db" }, { endsWith: "01" }]);
    expect(searchConditions("*")).toEqual([]);
    expect(searchConditions("  ")).toEqual([]);
    // The storage list, filtered in memory, matches the same way.
    expect(globMatch("*web*", "prod-web-01")).toBe(true);
    expect(globMatch("web*", "prod-web-01")).toBe(false);
  });
});
