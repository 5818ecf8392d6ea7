import { describe, expect, it } from "vitest";
import type { JobOp } from "@/lib/operations";
import { stepDependencies } from "./step-order";

const meta = { diskId: "d", volumeId: "v", domainId: "x", parent: null, sizeBytes: 1 };

function copy(source: string, target: string, backing?: string): JobOp {
  return {
    kind: "copy",
    label: `copy ${target}`,
    source: { path: source, format: "qcow2" },
    path: target,
    format: "qcow2",
    preallocated: false,
    backing: backing ? { path: backing, format: "qcow2" } : undefined,
    meta,
    weightBytes: 1,
  };
}

describe("stepDependencies", () => {
  it("lets copies of different disks run side by side", () => {
    expect(stepDependencies([copy("/a/images/1/v", "/b/images/1/v"), copy("/b/images/2/v", "/c/images/2/v"), copy("/c/images/3/v", "/a/images/3/v")])).toEqual([[], [], []]);
  });

  it("orders the volumes of one chain: each copy waits for the copy it is based on", () => {
    const ops = [copy("/a/images/1/base", "/b/images/1/base"), copy("/a/images/1/top", "/b/images/1/top", "/b/images/1/base"), copy("/a/images/2/v", "/c/images/2/v")];
    expect(stepDependencies(ops)).toEqual([[], [0], []]);
  });

  it("keeps a step that overwrites what an earlier one reads after it", () => {
    const rebase: JobOp = { kind: "rebase", label: "rebase", path: "/a/images/1/top", backing: null, undoBacking: { path: "/a/images/1/base", format: "qcow2" }, copyData: true, weightBytes: 1 };
    // The copy reads the overlay the rebase then changes; both read the base, which orders nothing.
    const ops = [copy("/a/images/1/top", "/b/images/1/top"), rebase, copy("/a/images/1/base", "/c/images/1/base")];
    expect(stepDependencies(ops)).toEqual([[], [0], []]);
  });

  it("keeps steps on a VM's QEMU and whole-file writes in plan order with everything (waiting for the pause is waiting for all before it)", () => {
    const pause: JobOp = { kind: "pause-vm", label: "pause", vm: { vmId: "vm", pid: 1, startedAt: "" } as never };
    const ovf: JobOp = { kind: "write-file", label: "ovf", path: "/e/master/vms/x.ovf", content: "" };
    const ops = [copy("/a/images/1/v", "/b/images/1/v"), pause, copy("/a/images/2/v", "/c/images/2/v"), ovf];
    expect(stepDependencies(ops)).toEqual([[], [0], [1], [0, 1, 2]]);
  });
});
