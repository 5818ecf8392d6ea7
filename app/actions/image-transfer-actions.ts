"use server";

import { runAction } from "@/lib/action-result";
import { currentActor } from "@/app/_lib/current-actor";
import { startTransfer } from "@/lib/image-transfers/start-transfer";
import { cancelTransfer, finalizeTransfer } from "@/lib/image-transfers/transfer-actions";
import { waitUntilOpen } from "@/lib/image-transfers/wait-until-open";
import type { UploadDiskInput } from "@/lib/schemas/image-transfer";

// The browser's side of image transfers (uploads, downloads): it moves the data itself to /images/{ticket}.
// Its transfers are cancelled, never paused, when it goes silent: a closed tab does not come back to resume.

export async function startUploadAction(input: UploadDiskInput) {
  return runAction(async () => {
    const { transferId, ticket, diskId, job } = await startTransfer({ direction: "upload", format: "cow", newDisk: input, timeoutPolicy: "cancel" }, await currentActor());
    await waitUntilOpen(transferId);
    return { transferId, ticket, diskId, transferJobId: job.id };
  });
}

export async function finalizeTransferAction(input: { transferId: string }) {
  return runAction(async () => ({ jobId: (await finalizeTransfer(input, await currentActor())).jobId }));
}

export async function cancelTransferAction(input: { transferId: string }) {
  return runAction(async () => {
    await cancelTransfer(input, await currentActor());
  });
}

/** A download of the disk's image file as it is (qcow2 or raw; a chain collapsed into one qcow2). */
export async function startDownloadAction(input: { diskId: string }) {
  return runAction(async () => {
    const { transferId, ticket, job } = await startTransfer({ direction: "download", format: "cow", diskId: input.diskId, timeoutPolicy: "cancel" }, await currentActor());
    await waitUntilOpen(transferId);
    return { ticket, jobId: job.id };
  });
}
