"use server";

import { runAction } from "@/lib/action-result";
import { currentActor } from "@/app/_lib/current-actor";
import { addDisk } from "@/lib/disks/add-disk";
import { moveDisks } from "@/lib/disks/move-disks";
import { deleteDisk } from "@/lib/disks/delete-disk";
import { detachDisk } from "@/lib/disks/attach-disk";
import type { AddDiskInput, MoveDisksInput } from "@/lib/schemas/disk";

export async function addDiskAction(input: AddDiskInput) {
  return runAction(async () => {
    const { diskId, job } = await addDisk(input, await currentActor());
    return { diskId, jobId: job.id };
  });
}

export async function moveDisksAction(input: MoveDisksInput) {
  return runAction(async () => ({ jobId: (await moveDisks(input, await currentActor())).job.id }));
}

export async function deleteDiskAction(input: { diskId: string }) {
  return runAction(async () => ({ jobId: (await deleteDisk(input, await currentActor())).job.id }));
}

export async function detachDiskAction(input: { vmId: string; diskId: string }) {
  return runAction(async () => detachDisk(input, await currentActor()));
}
