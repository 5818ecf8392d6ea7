import { describe, expect, it } from "vitest";
import { qemuArgs, shellQuote, volumeNodeName, type LaunchSpec } from "./qemu-command";

const spec: LaunchSpec = {
  vmId: "0b9e1c3a-4a6f-4d2e-9a51-7c1f0e2d3b4a",
  name: "web-1",
  cpus: 2,
  memoryMb: 128,
  disks: [
    { diskId: "d1111111-0000-4000-8000-000000000001", alias: "os", interface: "virtio", bootable: true, leafVolumeId: "a1111111-1111-4111-8111-111111111111", path: "/sd/one, with comma/img/vol", format: "qcow2" },
    { diskId: "d2222222-0000-4000-8000-000000000002", alias: "db", interface: "virtio_scsi", bootable: false, leafVolumeId: "b2222222-2222-4222-8222-222222222222", path: "/sd/two/img/vol", format: "qcow2" },
    { diskId: "d3333333-0000-4000-8000-000000000003", alias: "log", interface: "sata", bootable: false, leafVolumeId: "c3333333-3333-4333-8333-333333333333", path: "/sd/three/img/vol", format: "raw" },
  ],
};
const files = { qmpSocket: "/run/ms/vm/qmp.sock", pidFile: "/run/ms/vm/qemu.pid" };

function optionValues(args: string[], option: string) {
  return args.flatMap((arg, i) => (arg === option ? [args[i + 1]] : []));
}

describe("qemuArgs", () => {
  const args = qemuArgs(spec, files, { accel: "tcg" });

  it("opens each disk's leaf in two named nodes, any path as JSON", () => {
    const nodes = optionValues(args, "-blockdev").map((v) => JSON.parse(v));
    expect(nodes).toEqual([
      { driver: "file", filename: "/sd/one, with comma/img/vol", "node-name": volumeNodeName(spec.disks[0].leafVolumeId, "file") },
      { driver: "qcow2", file: volumeNodeName(spec.disks[0].leafVolumeId, "file"), "node-name": volumeNodeName(spec.disks[0].leafVolumeId) },
      { driver: "file", filename: "/sd/two/img/vol", "node-name": volumeNodeName(spec.disks[1].leafVolumeId, "file") },
      { driver: "qcow2", file: volumeNodeName(spec.disks[1].leafVolumeId, "file"), "node-name": volumeNodeName(spec.disks[1].leafVolumeId) },
      { driver: "file", filename: "/sd/three/img/vol", "node-name": volumeNodeName(spec.disks[2].leafVolumeId, "file") },
      { driver: "raw", file: volumeNodeName(spec.disks[2].leafVolumeId, "file"), "node-name": volumeNodeName(spec.disks[2].leafVolumeId) },
    ]);
  });

  it("puts each disk on the bus of its interface, the bootable one first in boot order", () => {
    const devices = optionValues(args, "-device").map((v) => (v.startsWith("{") ? JSON.parse(v) : v));
    expect(devices).toContainEqual({ driver: "virtio-scsi-pci", id: "scsi0" });
    expect(devices).toContainEqual(expect.objectContaining({ driver: "virtio-blk-pci", id: `disk-${spec.disks[0].diskId}`, bootindex: 1 }));
    expect(devices).toContainEqual(expect.objectContaining({ driver: "scsi-hd", bus: "scsi0.0", id: `disk-${spec.disks[1].diskId}` }));
    expect(devices).toContainEqual(expect.objectContaining({ driver: "ide-hd", bus: "ide.0", id: `disk-${spec.disks[2].diskId}` }));
    expect(devices.filter((d) => typeof d === "object" && "bootindex" in d)).toHaveLength(1);
  });

  it("starts paused, headless, with its QMP socket, pid file, size and accelerator", () => {
    expect(args).toContain("-S");
    expect(optionValues(args, "-qmp")).toEqual(["unix:/run/ms/vm/qmp.sock,server=on,wait=off"]);
    expect(optionValues(args, "-pidfile")).toEqual([files.pidFile]);
    expect(optionValues(args, "-machine")).toEqual(["q35,accel=tcg"]);
    expect(optionValues(args, "-m")).toEqual(["128"]);
    expect(optionValues(args, "-smp")).toEqual(["2"]);
    expect(optionValues(args, "-uuid")).toEqual([spec.vmId]);
    expect(args).not.toContain("-incoming");
  });

  it("restores from a file through a shell-quoted cat", () => {
    const restoring = qemuArgs(spec, files, { accel: "kvm:tcg", incomingFile: "/sd/it's here/mem" });
    expect(optionValues(restoring, "-incoming")).toEqual([`exec:cat '/sd/it'\\''s here/mem'`]);
  });

  it("keeps node names within QEMU's 31 characters, starting with a letter", () => {
    const name = volumeNodeName("ffffffff-ffff-4fff-8fff-ffffffffffff", "file");
    expect(name).toMatch(/^[a-z][a-z0-9]{1,30}$/);
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });

  it("refuses more SATA disks than q35's controller has ports", () => {
    const many = { ...spec, disks: Array.from({ length: 7 }, (_, i) => ({ ...spec.disks[2], diskId: `d${i}`, leafVolumeId: `v${i}` })) };
    expect(() => qemuArgs(many, files, { accel: "tcg" })).toThrow(/at most 6 SATA/);
  });
});
