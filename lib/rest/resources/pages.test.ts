import { describe, expect, it } from "vitest";
import { collectPages, matchingBatches, windowOf } from "./pages";

// A collection is read page by page only until `max` matching rows are found, from oVirt's
// `page N`, and a whole collection batch by batch as the reader asks.

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
    expect(await collectPages(fetchPage, () => true, { max: 1 })).toEqual([0]);
    expect(asked).toEqual([1]);
  });

  it("reads on while the filter keeps too few, and stops at max", async () => {
    const { fetchPage, asked } = source(40_000);
    const rows = await collectPages(fetchPage, (n) => n % 100 === 0, { max: 3 });
    expect(rows).toEqual([0, 100, 200]);
    expect(asked).toEqual([1, 2, 3, 4, 5]); // pages of 50
  });

  it("without max returns every kept row, to the last short page", async () => {
    const { fetchPage, asked } = source(1_234);
    expect(await collectPages(fetchPage, () => true)).toHaveLength(1_234);
    expect(asked).toEqual([1, 2, 3]);
  });

  it("reads `page 400` of 100 unfiltered rows with one query at its offset", async () => {
    const { fetchPage, asked } = source(40_000);
    const rows = await collectPages(fetchPage, () => true, windowOf({ max: 100, page: 400 }, true));
    expect(rows).toEqual(Array.from({ length: 100 }, (_, i) => 39_900 + i));
    expect(asked).toEqual([400]);
  });

  it("counts pages of a filtered search in matching rows", async () => {
    const { fetchPage } = source(40_000);
    expect(await collectPages(fetchPage, (n) => n % 10 === 0, windowOf({ max: 2, page: 3 }, false))).toEqual([40, 50]);
  });

  it("has nothing past page 1 without max (page 1 holds everything)", async () => {
    const { fetchPage, asked } = source(100);
    expect(await collectPages(fetchPage, () => true, windowOf({ page: 2 }, true))).toEqual([]);
    expect(asked).toEqual([]);
  });
});

describe("matchingBatches", () => {
  it("reads the next page only when the reader asks for it", async () => {
    const { fetchPage, asked } = source(40_000);
    const batches = matchingBatches(fetchPage, () => true);
    expect((await batches.next()).value).toHaveLength(500);
    expect((await batches.next()).value?.[0]).toBe(500);
    expect(asked).toEqual([1, 2]);
    await batches.return(undefined);
  });
});
