import "server-only";
import type { QmpClient, QmpEvent } from "./qmp-client";
import { activeNodes, closeNodes, nodeNames, unusedFileNodes } from "./block-nodes";
import { diskDevice, diskDeviceId, diskNodes, HOTPLUG_PORTS, type LaunchDisk } from "./qemu-command";

// Disks plugged into and out of a running VM. SCSI disks go on the controller every VM has and
// leave at once; a virtio-blk disk takes a free PCIe root port, and leaves only once the guest
// OS lets go of it (PCIe hot-unplug asks the guest), so its unplug waits, within a limit.

export type PluggedDisk = Pick<LaunchDisk, "diskId" | "interface" | "leafVolumeId" | "path" | "format">;

const UNPLUG_TIMEOUT_MS = 5_000;

/** Root ports a virtio-blk device sits on now (its parent bus is named after the port). */
async function busesInUse(client: QmpClient) {
  const devices = await client.execute<{ name: string; type: string }[]>("qom-list", { path: "/machine/peripheral" });
  const used = new Set<string>();
  for (const device of devices.filter((d) => d.type === "child<virtio-blk-pci>")) {
    const bus = await client.execute<string>("qom-get", { path: `/machine/peripheral/${device.name}`, property: "parent_bus" });
    const port = HOTPLUG_PORTS.find((p) => bus.split("/").includes(p));
    if (port) used.add(port);
  }
  return used;
}

/** Idempotent: a device already there is left alone, nodes already open are reused. */
export async function plugDisk(client: QmpClient, disk: PluggedDisk) {
  if ((await activeNodes(client)).has(diskDeviceId(disk.diskId))) return;
  const open = await nodeNames(client);
  for (const node of diskNodes(disk)) if (!open.has(node["node-name"])) await client.execute("blockdev-add", node);
  let bus: string | undefined;
  if (disk.interface === "virtio") {
    const used = await busesInUse(client);
    bus = HOTPLUG_PORTS.find((port) => !used.has(port));
    if (!bus) throw new Error(`no free PCIe port: at most ${HOTPLUG_PORTS.length} virtio disks can be plugged in while the VM runs; use virtio-scsi`);
  }
  await client.execute("device_add", diskDevice(disk, { bus }));
}

/** Removes the guest device first, then closes the volume. Idempotent. */
export async function unplugDisk(client: QmpClient, disk: PluggedDisk) {
  const id = diskDeviceId(disk.diskId);
  const node = (await activeNodes(client)).get(id);
  if (node) {
    let stop = () => false;
    const gone = new Promise<void>((resolve) => {
      stop = client.onEvent((event: QmpEvent) => {
        if (event.event === "DEVICE_DELETED" && event.data?.device === id) resolve();
      });
    });
    await client.execute("device_del", { id });
    const timedOut = await Promise.race([gone.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), UNPLUG_TIMEOUT_MS))]);
    stop();
    if (timedOut && (await activeNodes(client)).has(id)) {
      throw new Error(`the guest did not release disk device ${id} within ${UNPLUG_TIMEOUT_MS / 1000} s (a virtio disk leaves only when the guest OS lets it go)`);
    }
    await closeNodes(client, [node.node, ...(await unusedFileNodes(client, node.file))]);
    return;
  }
  await closeNodes(client, diskNodes(disk).reverse().map((n) => n["node-name"]));
}
