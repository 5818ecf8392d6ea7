import { describe, expect, it } from "vitest";
import { newPlan } from "@/lib/operations";
import { parsePlan, serializePlan } from "./plan";

// A stored plan is parsed against the registered step kinds on every read, never cast.

const copy = {
  kind: "copy",
  label: "Copy disk d",
  source: { path: "/a/sd/images/d/v", format: "qcow2" },
  path: "/b/sd/images/d/v",
  format: "qcow2",
  preallocated: false,
  meta: { diskId: "d", volumeId: "v", domainId: "b", parent: null, sizeBytes: 1024 },
  weightBytes: 1024,
} as const;

describe("stored plans", () => {
  it("round-trips with its version, every step typed by its kind", () => {
    const plan = { ...newPlan(), ops: [copy] };
    const payload = serializePlan(plan);
    expect(JSON.parse(payload).version).toBe(1);
    expect(parsePlan(payload)).toEqual(plan);
  });

  it("reads a plan written before plans had a version as version 1, filling what older plans lack", () => {
    const { shared: _shared, afterCommit: _afterCommit, ...older } = { ...newPlan(), ops: [copy] };
    const plan = parsePlan(JSON.stringify(older));
    expect(plan.ops).toEqual([copy]);
    expect(plan.shared).toEqual({ vms: {} });
    expect(plan.afterCommit).toEqual([]);
  });

  it("refuses a step whose fields do not match its kind, saying where", () => {
    const payload = JSON.stringify({ ...newPlan(), version: 1, ops: [{ ...copy, source: { path: "/a", format: "vmdk" } }] });
    expect(() => parsePlan(payload)).toThrow(/ops\[0\]\.source\.format/);
  });

  it("refuses a kind of step nobody registered and a plan version it does not know", () => {
    expect(() => parsePlan(JSON.stringify({ ...newPlan(), ops: [{ kind: "format-disk", label: "x" }] }))).toThrow(/does not parse/);
    expect(() => parsePlan(JSON.stringify({ ...newPlan(), version: 2 }))).toThrow(/does not parse/);
  });
});
