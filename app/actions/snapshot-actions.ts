"use server";

import { runAction } from "@/lib/action-result";
import { currentActor } from "@/app/_lib/current-actor";
import { createSnapshot } from "@/lib/snapshots/create-snapshot";
import { deleteSnapshot } from "@/lib/snapshots/delete-snapshot";
import { restoreSnapshot } from "@/lib/snapshots/restore-snapshot";
import type { CreateSnapshotInput, SnapshotRefInput } from "@/lib/schemas/snapshot";

export async function createSnapshotAction(input: CreateSnapshotInput) {
  return runAction(async () => ({ jobId: (await createSnapshot(input, await currentActor())).job.id }));
}

export async function deleteSnapshotAction(input: SnapshotRefInput) {
  return runAction(async () => ({ jobId: (await deleteSnapshot(input, await currentActor())).job.id }));
}

export async function restoreSnapshotAction(input: SnapshotRefInput) {
  return runAction(async () => ({ jobId: (await restoreSnapshot(input, await currentActor())).job.id }));
}
