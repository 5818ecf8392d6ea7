import { describe, expect, it } from "vitest";
import { copyBytes, GiB, MiB, newDiskBytes, placementRefusal, type DomainSpace } from "./space-estimates";

const domain = (over: Partial<DomainSpace> = {}): DomainSpace => ({ id: "d", name: "d", type: "data", status: "active", freeBytes: 100 * GiB, reservedBytes: 0, totalBytes: 200 * GiB, criticalSpaceGb: 5, ...over });

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
});
