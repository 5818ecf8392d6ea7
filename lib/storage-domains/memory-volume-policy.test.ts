import { describe, expect, it } from "vitest";
import { MiB } from "@/lib/schemas/common";
import { memoryVolumeBytes, rankMemoryDomains } from "./memory-volume-policy";

const GiB = 1024 * MiB;
const domain = (name: string, freeGiB: number, vmDisks: number, reserveGiB = 0) => ({ id: name, name, freeBytes: freeGiB * GiB, reserveBytes: reserveGiB * GiB, vmDisks });

describe("memory volume placement policy", () => {
  it("reserves RAM plus 100 MiB", () => {
    expect(memoryVolumeBytes(128)).toBe(228 * MiB);
  });

  it("prefers the domain holding most of the VM's disks over more free space", () => {
    const ranked = rankMemoryDomains([domain("big", 500, 0), domain("mine", 10, 2), domain("some", 50, 1)], memoryVolumeBytes(4096));
    expect(ranked.map((d) => d.name)).toEqual(["mine", "some", "big"]);
  });

  it("then the most free space, then the name", () => {
    const ranked = rankMemoryDomains([domain("b", 20, 1), domain("c", 30, 1), domain("a", 20, 1)], GiB);
    expect(ranked.map((d) => d.name)).toEqual(["c", "a", "b"]);
  });

  it("skips domains that would fall below their critical reserve", () => {
    const ranked = rankMemoryDomains([domain("mine", 5, 3, 4), domain("other", 5, 0, 1)], 2 * GiB);
    expect(ranked.map((d) => d.name)).toEqual(["other"]);
    expect(rankMemoryDomains([domain("full", 1, 3)], 2 * GiB)).toEqual([]);
  });
});
