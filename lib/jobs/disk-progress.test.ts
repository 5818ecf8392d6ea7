import { describe, expect, it } from "vitest";
import { diskProgress } from "./disk-progress";
import { newPlan, type JobOp } from "@/lib/operations";

function copyOf(diskId: string, bytes: number): JobOp {
  return {
    kind: "copy",
    label: `copy ${diskId}`,
    source: { path: `/a/sd/images/${diskId}/v`, format: "qcow2" },
    path: `/b/sd/images/${diskId}/v`,
    format: "qcow2",
    preallocated: false,
    meta: { diskId, volumeId: "v", domainId: "b", parent: null, sizeBytes: bytes },
    weightBytes: bytes,
  };
}

describe("diskProgress", () => {
  const plan = { ...newPlan(), ops: [copyOf("d1", 4 << 20), copyOf("d2", 4 << 20), copyOf("d2", 12 << 20)] };

  it("is each disk's own steps' progress, weighted by the bytes they copy", () => {
    const steps = [
      { position: 0, progress: 100 },
      { position: 1, progress: 100 },
      { position: 2, progress: 50 },
    ];
    expect(diskProgress(plan, steps, "d1", 40)).toBe(99); // done, until the job commits
    expect(diskProgress(plan, steps, "d2", 40)).toBe(62); // (4 + 6) of 16 MiB
  });

  it("follows the job for a disk with no step of its own", () => {
    expect(diskProgress(plan, [], "other", 40)).toBe(40);
  });
});
