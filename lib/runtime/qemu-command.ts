// The QEMU command line of a VM: the only code that builds one. Pure, so it is unit-tested.
//
// Disks are attached with -blockdev, one node per layer, named after the volume they open: the
// node names then say which volume QEMU has on top, which is what a live snapshot or its undo
// needs. QEMU opens the rest of a qcow2 chain from each image's backing reference (relative to
// the image, VDSM-style), so a thin disk reads through to its template volume on the same domain.
// Options take JSON, so no path needs comma escaping.

export type DiskInterface = "virtio" | "virtio_scsi" | "sata";
export type Accel = "kvm" | "tcg" | "kvm:tcg";

export interface LaunchDisk {
  diskId: string;
  alias: string;
  interface: DiskInterface;
  bootable: boolean;
  /** The chain's active volume: the file QEMU opens (and writes). */
  leafVolumeId: string;
  path: string;
  format: "qcow2" | "raw";
}

export interface LaunchSpec {
  vmId: string;
  name: string;
  cpus: number;
  memoryMb: number;
  disks: LaunchDisk[];
}

/** q35's built-in AHCI controller has six ports. */
export const MAX_SATA_DISKS = 6;

/** Node names may hold 31 characters and must start with a letter. */
export function volumeNodeName(volumeId: string, layer: "format" | "file" = "format") {
  return `${layer === "format" ? "v" : "f"}${volumeId.replace(/-/g, "").slice(0, 24)}`;
}

/**
 * Names of a volume opened on a given domain while QEMU runs (a live move's target, or its source
 * opened again to move back): the volume keeps its id across domains, so the domain tells them apart.
 */
export function placedNodeNames(volumeId: string, domainId: string) {
  const hex = (id: string) => id.replace(/-/g, "");
  const name = `${hex(volumeId).slice(0, 16)}${hex(domainId).slice(0, 12)}`;
  return { node: `t${name}`, fileNode: `u${name}` };
}

export function diskDeviceId(diskId: string) {
  return `disk-${diskId}`;
}

/** Single-quotes a path for the shell that runs an exec: migration. */
export function shellQuote(value: string) {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** PCIe root ports kept free for virtio-blk disks plugged in while the VM runs (q35's root bus takes none). */
export const HOTPLUG_PORTS = ["hp0", "hp1", "hp2", "hp3"];

/** The two nodes that open a disk's active volume: file, then format on top. */
export function diskNodes(disk: Pick<LaunchDisk, "leafVolumeId" | "path" | "format">) {
  const fileNode = volumeNodeName(disk.leafVolumeId, "file");
  const formatNode = volumeNodeName(disk.leafVolumeId);
  return [
    { driver: "file", filename: disk.path, "node-name": fileNode },
    { driver: disk.format, file: fileNode, "node-name": formatNode },
  ];
}

/** The guest device of a disk (`bus` for a virtio disk plugged into a spare root port). */
export function diskDevice(disk: Pick<LaunchDisk, "diskId" | "interface" | "leafVolumeId">, place: { sataPort?: number | null; bootIndex?: number; bus?: string } = {}) {
  const device: Record<string, unknown> = { drive: volumeNodeName(disk.leafVolumeId), id: diskDeviceId(disk.diskId), ...(place.bootIndex !== undefined ? { bootindex: place.bootIndex } : {}) };
  if (disk.interface === "virtio") Object.assign(device, { driver: "virtio-blk-pci", serial: disk.diskId.slice(0, 20) }, place.bus ? { bus: place.bus } : {});
  else if (disk.interface === "virtio_scsi") Object.assign(device, { driver: "scsi-hd", bus: "scsi0.0", serial: disk.diskId.slice(0, 20) });
  else Object.assign(device, { driver: "ide-hd", bus: `ide.${place.sataPort}`, serial: disk.diskId.slice(0, 20) });
  return device;
}

function diskArgs(disk: LaunchDisk, sataPort: number | null, bootIndex: number | undefined): string[] {
  return [...diskNodes(disk).flatMap((node) => ["-blockdev", JSON.stringify(node)]), "-device", JSON.stringify(diskDevice(disk, { sataPort, bootIndex }))];
}

export function qemuArgs(spec: LaunchSpec, files: { qmpSocket: string; pidFile: string }, options: { accel: Accel; incomingFile?: string }) {
  const sata = spec.disks.filter((d) => d.interface === "sata");
  if (sata.length > MAX_SATA_DISKS) throw new Error(`at most ${MAX_SATA_DISKS} SATA disks`);
  const args = [
    "-name", `guest=${spec.name}`,
    "-machine", `q35,accel=${options.accel}`,
    "-m", String(spec.memoryMb),
    "-smp", String(spec.cpus),
    ...(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(spec.vmId) ? ["-uuid", spec.vmId] : []),
    "-nodefaults",
    "-no-user-config",
    // Headless: the console is read with QMP screendump from this VGA device.
    "-display", "none",
    "-device", "VGA,id=video0",
    "-boot", "menu=off",
    // Start paused: the portal connects, checks and only then lets the guest run (or restores).
    "-S",
    "-qmp", `unix:${files.qmpSocket},server=on,wait=off`,
    "-pidfile", files.pidFile,
    "-msg", "timestamp=on",
  ];
  // Always there, so disks can be plugged in while the VM runs: SCSI disks on the controller,
  // virtio-blk disks each on a free root port.
  args.push("-device", JSON.stringify({ driver: "virtio-scsi-pci", id: "scsi0" }));
  for (const [i, id] of HOTPLUG_PORTS.entries()) args.push("-device", JSON.stringify({ driver: "pcie-root-port", id, chassis: i + 1, bus: "pcie.0" }));
  const bootable = spec.disks.filter((d) => d.bootable);
  for (const disk of spec.disks) {
    const bootIndex = bootable.includes(disk) ? bootable.indexOf(disk) + 1 : undefined;
    args.push(...diskArgs(disk, disk.interface === "sata" ? sata.indexOf(disk) : null, bootIndex));
  }
  if (options.incomingFile) args.push("-incoming", `exec:cat ${shellQuote(options.incomingFile)}`);
  return args;
}
