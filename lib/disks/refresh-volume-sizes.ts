import "server-only";
import { db } from "@/lib/db";
import { allocatedBytes } from "@/lib/storage/driver";
import { volumePath } from "@/lib/storage/layout";
import { STATUSES_WITH_PROCESS } from "@/lib/vms/runtime/vm-status";

// A volume's actual size is what its file takes on the domain. Jobs record it when they make or
// change a volume; a guest changes it by writing, which no job sees: these record it from the
// files, as the engine refreshes a disk's actual size from a running VM's statistics and once
// the VM is down.

interface RecordedVolume {
  id: string;
  diskId: string;
  actualSize: bigint;
  storageDomain: { id: string; path: string };
}

const volumeFields = { id: true, diskId: true, actualSize: true, storageDomain: { select: { id: true, path: true } } } as const;

/**
 * Only reads the files: a volume that cannot be read now keeps its recorded size (the domain
 * monitor reports what is missing). A size a job recorded meanwhile is left as it is (the job
 * read it later).
 */
async function recordSizes(volumes: RecordedVolume[]) {
  let changed = 0;
  for (const volume of volumes) {
    const bytes = await allocatedBytes(volumePath(volume.storageDomain, volume.diskId, volume.id)).catch(() => null);
    if (bytes === null || BigInt(bytes) === volume.actualSize) continue;
    changed += (await db.volume.updateMany({ where: { id: volume.id, actualSize: volume.actualSize }, data: { actualSize: BigInt(bytes) } })).count;
  }
  return changed;
}

/**
 * Every volume of a VM's disks, once its guest stopped writing (the VM went down or was
 * hibernated): the active volumes, and those a live snapshot froze while the guest ran.
 */
export async function refreshVmDiskSizes(vmId: string) {
  return recordSizes(await db.volume.findMany({ where: { disk: { attachments: { some: { vmId } } } }, select: volumeFields }));
}

/**
 * The volumes on one domain (which has just passed the monitor's check) of the disks of VMs that
 * run: the Disks tab, REST `actual_size` and a move's space check follow a running guest's writes
 * within a monitor interval, not only once it is down.
 */
export async function refreshRunningDiskSizes(domainId: string) {
  const running = { attachments: { some: { vm: { status: { in: [...STATUSES_WITH_PROCESS] } } } } };
  return recordSizes(await db.volume.findMany({ where: { storageDomainId: domainId, disk: running }, select: volumeFields }));
}
