import "server-only";
import { db } from "@/lib/db";
import { allocatedBytes } from "@/lib/storage/driver";
import { volumePath } from "@/lib/storage/layout";

/**
 * Records the space each volume of a VM's disks takes now, once its guest stopped writing (the VM
 * went down), as the engine refreshes a disk's actual size then: the active volumes, and those a
 * live snapshot froze while the guest ran. Without it the Disks tab, the REST `actual_size` and
 * every space check before a move went on with the size the volume had when a job last made or
 * changed it. Only reads the files: a volume that cannot
 * be read now keeps its recorded size (the domain monitor reports what is missing).
 */
export async function refreshVmDiskSizes(vmId: string) {
  const volumes = await db.volume.findMany({
    where: { disk: { attachments: { some: { vmId } } } },
    select: { id: true, diskId: true, actualSize: true, storageDomain: { select: { id: true, path: true } } },
  });
  let changed = 0;
  for (const volume of volumes) {
    const bytes = await allocatedBytes(volumePath(volume.storageDomain, volume.diskId, volume.id)).catch(() => null);
    if (bytes === null || BigInt(bytes) === volume.actualSize) continue;
    changed += (await db.volume.updateMany({ where: { id: volume.id }, data: { actualSize: BigInt(bytes) } })).count;
  }
  return changed;
}
