import { describe, expect, it } from "vitest";
import { bool, count, listOf, reference, text } from "./wire-schema";

describe("wire schema", () => {
  const list = listOf("storage_domain", reference);

  it("reads a wrapper with one item, several, or none as an array", () => {
    expect(list.parse({ storage_domain: { id: "a" } })).toEqual([{ id: "a" }]);
    expect(list.parse({ storage_domain: [{ id: "a" }, { name: "b" }] })).toEqual([{ id: "a" }, { name: "b" }]);
    expect(list.parse("")).toEqual([]);
  });

  it("refuses unknown elements, references without id or name, bad numbers and booleans", () => {
    expect(list.safeParse({ storage_domain: { id: "a", size: "1" } }).success).toBe(false);
    expect(reference.safeParse("").success).toBe(false);
    expect(count.safeParse("99999999999999999999").success).toBe(false);
    expect(count.safeParse("-1").success).toBe(false);
    expect(bool.safeParse("yes").success).toBe(false);
    expect(text.safeParse({ x: "" }).success).toBe(false);
  });

  it("converts numbers and booleans", () => {
    expect(count.parse("1073741824")).toBe(1073741824);
    expect(bool.parse("false")).toBe(false);
  });
});
