import { describe, expect, it } from "vitest";
import { copyBytes, GiB, MiB, newDiskBytes, placementRefusal, type DomainSpace } from "./space-estimates";

const domain = (over: Partial<DomainSpace> = {}): DomainSpace => ({ id: "d", name: "d", type: "data", status: "active", freeBytes: 100 * GiB, reservedBytes: 0, totalBytes: 200 * GiB, criticalSpaceGb: 5, committedBytes: 0, maxOvercommitPct: null, ...over });

describe("space estimates", () => {
  it("charges a thin disk 1 MiB and a preallocated one its full size", () => {
    expect(newDiskBytes({ provisionedSize: 50 * GiB, allocation: "thin" })).toBe(MiB);
    expect(newDiskBytes({ provisionedSize: 50 * GiB, allocation: "preallocated" })).toBe(50 * GiB);
  });

  it("charges a copy its allocated size plus 10 %", () => {
    expect(copyBytes(10 * GiB)).toBe(11 * GiB + MiB);
  });

  it("refuses non-data, inactive and would-be-critical domains, and accepts the rest", () => {
    expect(placementRefusal(domain({ type: "export" }), MiB)).toMatch(/export domain/);
    expect(placementRefusal(domain({ status: "maintenance" }), MiB)).toBe("in maintenance");
    expect(placementRefusal(domain(), 96 * GiB)).toMatch(/critical threshold/);
    expect(placementRefusal(domain(), 95 * GiB)).toBeNull();
    expect(placementRefusal(domain({ reservedBytes: GiB }), 95 * GiB)).toMatch(/critical threshold/);
  });

  it("refuses a thin placement that would pass the domain's overcommit limit, as the server does", () => {
    const limited = domain({ committedBytes: 250 * GiB, maxOvercommitPct: 150 }); // limit 300 GiB
    expect(placementRefusal(limited, MiB, 50 * GiB)).toBeNull();
    expect(placementRefusal(limited, MiB, 51 * GiB)).toBe("would be overcommitted beyond 150 % of its size");
    expect(placementRefusal(domain({ committedBytes: 10_000 * GiB }), MiB, 100_000 * GiB)).toBeNull(); // no limit set
  });
});
