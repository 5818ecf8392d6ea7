import { describe, expect, it } from "vitest";
import { collectPages } from "./pages";

// A collection is read page by page only until `max` matching rows are found.

function source(total: number) {
  const asked: number[] = [];
  const fetchPage = async ({ page, pageSize }: { page: number; pageSize: number }) => {
    asked.push(page);
    return Array.from({ length: Math.max(0, Math.min(pageSize, total - (page - 1) * pageSize)) }, (_, i) => (page - 1) * pageSize + i);
  };
  return { fetchPage, asked };
}

describe("collectPages", () => {
  it("with max=1 reads one page of 40,000 rows", async () => {
    const { fetchPage, asked } = source(40_000);
    expect(await collectPages(fetchPage, () => true, 1)).toEqual([0]);
    expect(asked).toEqual([1]);
  });

  it("reads on while the filter keeps too few, and stops at max", async () => {
    const { fetchPage, asked } = source(40_000);
    const rows = await collectPages(fetchPage, (n) => n % 100 === 0, 3);
    expect(rows).toEqual([0, 100, 200]);
    expect(asked).toEqual([1, 2, 3, 4, 5]); // pages of 50
  });

  it("without max returns every kept row, to the last short page", async () => {
    const { fetchPage, asked } = source(1_234);
    expect(await collectPages(fetchPage, () => true)).toHaveLength(1_234);
    expect(asked).toEqual([1, 2, 3]);
  });
});
