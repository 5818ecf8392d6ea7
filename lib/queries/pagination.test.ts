import { describe, expect, it } from "vitest";
import { nameFilter, pageWindow, parseListParams } from "./pagination";

describe("list parameters", () => {
  it("fall back to defaults on bad values instead of failing the page", () => {
    expect(parseListParams({ page: "-3", pageSize: "100000", order: "sideways" })).toMatchObject({ page: 1, pageSize: 50, order: "asc" });
    expect(pageWindow(parseListParams({ page: "3", pageSize: "100" }))).toEqual({ skip: 200, take: 100 });
  });

  it("turn oVirt name searches into filters", () => {
    expect(nameFilter("web-01")).toEqual({ equals: "web-01" });
    expect(nameFilter("web*")).toEqual({ contains: "web" });
    expect(nameFilter("*")).toBeUndefined();
    expect(nameFilter(undefined)).toBeUndefined();
  });
});
