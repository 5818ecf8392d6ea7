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

  it("carry an OVF store's volume chains, domains, snapshots and template", () => {
    const volume = (id: string, parentId: string | null, leaf: boolean) => ({ id, parentId, format: "qcow2" as const, storageDomainId: "sd-2", snapshotId: leaf ? null : "snap-1", leaf });
    const ovf: OvfDescriptor = {
      kind: "vm",
      id: "vm-2",
      name: "web",
      description: "",
      cpus: 2,
      memoryMb: 2048,
      exportedAt: "2026-12-03T00:00:00.000Z",
      templateId: "tpl-1",
      snapshots: [{ id: "snap-1", description: "before upgrade", createdAt: "2026-12-03T01:00:00.000Z" }],
      disks: [{ diskId: "d-1", volumeId: "v-2", alias: "web_Disk1", description: "", provisionedSize: 2 ** 30, actualSize: 1, format: "qcow2", allocation: "thin", interface: "virtio", bootable: true, active: false, volumes: [volume("v-1", "tpl-vol", false), volume("v-2", "v-1", true)] }],
    };
    expect(parseOvf(buildOvf(ovf))).toEqual(ovf);
    expect(parseOvf(buildOvf({ ...ovf, kind: "disk", templateId: null, snapshots: [] }))).toMatchObject({ kind: "disk", templateId: null, snapshots: [] });
  });
});
