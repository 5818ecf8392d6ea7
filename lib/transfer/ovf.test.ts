import { describe, expect, it } from "vitest";
import { buildOvf, parseOvf, type OvfDescriptor } from "./ovf";

describe("OVF descriptors", () => {
  it("parse back exactly what was built, for one disk and for several", () => {
    const disk = (n: number) => ({
      diskId: `disk-${n}`,
      volumeId: `vol-${n}`,
      alias: `data & logs <${n}>`,
      description: "",
      provisionedSize: n * 2 ** 30,
      actualSize: 196_608,
      format: n % 2 ? ("qcow2" as const) : ("raw" as const),
      allocation: n % 2 ? ("thin" as const) : ("preallocated" as const),
      interface: "virtio_scsi",
      bootable: n === 1,
    });
    for (const count of [1, 3]) {
      const ovf: OvfDescriptor = { kind: "vm", id: "vm-1", name: "db-01", description: "a \"quoted\" one", cpus: 4, memoryMb: 8192, exportedAt: "2026-11-24T00:00:00.000Z", disks: Array.from({ length: count }, (_, i) => disk(i + 1)) };
      expect(parseOvf(buildOvf(ovf))).toEqual(ovf);
    }
  });
});
