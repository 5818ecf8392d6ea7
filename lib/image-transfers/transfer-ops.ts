import "server-only";
import { rm, stat } from "node:fs/promises";
import { db } from "@/lib/db";
import { allocatesScratch, readsThroughView, writesVolumeDirectly, type ReceiveImageOp, type SendImageOp, type TransferOp } from "./transfer-steps";
import {
  completeVolumeUpload,
  exportForDownload,
  importUploadedImage,
  guestDataReadable,
  openChainForDownload,
  openVolumeForUpload,
  prepareUploadFile,
  removeRawView,
  removeVolume,
  type NewVolume,
} from "@/lib/storage/driver";
import { verifyDomainOfFile } from "@/lib/storage/domain-identity";
import { awaitClient } from "./await-client";

// The job steps of an image transfer. Each opens the transfer to the client once its file is
// ready (phase transferring), waits for the client's finalize, then completes the storage work.
// Progress: the data the client moved is most of it; the conversion at either end the rest.

const CLIENT_SHARE = 90;

export async function executeTransferOp(op: TransferOp, onProgress: (percent: number) => void, signal?: AbortSignal) {
  if (op.kind === "receive-image") return receiveImage(op, onProgress, signal);
  return sendImage(op, onProgress, signal);
}

const newVolume = (op: ReceiveImageOp): NewVolume => ({ path: op.path, format: op.format, preallocated: op.preallocated, meta: op.meta });

async function receiveImage(op: ReceiveImageOp, onProgress: (percent: number) => void, signal?: AbortSignal) {
  if (writesVolumeDirectly(op)) {
    await openVolumeForUpload(newVolume(op), op.scratch);
    await openToClient(op.transferId, op.scratch, op.meta.sizeBytes);
    await awaitClient(op.transferId, op.weightBytes, (share) => onProgress(share * CLIENT_SHARE), signal);
    onProgress(CLIENT_SHARE);
    await completeVolumeUpload(newVolume(op), op.scratch);
    return;
  }
  // Guest data fills a sparse file of the disk's size; an image file's bytes start from nothing.
  await prepareUploadFile(op.scratch, op.transferFormat === "raw" ? op.meta.sizeBytes : 0, allocatesScratch(op));
  // A qcow2 file carries its metadata on top of the guest data: allow for it.
  const limit = op.transferFormat === "raw" ? op.meta.sizeBytes : op.meta.sizeBytes + Math.ceil(op.meta.sizeBytes / 64) + (64 << 20);
  await openToClient(op.transferId, op.scratch, limit);
  await awaitClient(op.transferId, op.weightBytes, (share) => onProgress(share * CLIENT_SHARE), signal);
  await importUploadedImage(
    { path: op.scratch, format: op.transferFormat === "raw" ? "raw" : "probe" },
    newVolume(op),
    (percent) => onProgress(CLIENT_SHARE + (percent * (100 - CLIENT_SHARE)) / 100),
    signal,
  );
}

async function sendImage(op: SendImageOp, onProgress: (percent: number) => void, signal?: AbortSignal) {
  let served = op.source.path;
  // Guest data of a chain is read from its files by their map where it can be, else through a view.
  const mappedSize = readsThroughView(op) ? await guestDataReadable(op.source) : null;
  if (mappedSize !== null) {
    // served stays the chain's top
  } else if (readsThroughView(op)) {
    await openChainForDownload(op.source, op.scratch);
    served = op.scratch;
  } else if (op.scratch) {
    await exportForDownload(op.source, op.scratch, op.transferFormat === "raw" ? "raw" : "qcow2", (percent) => onProgress((percent * (100 - CLIENT_SHARE)) / 100), signal);
    served = op.scratch;
  } else {
    await verifyDomainOfFile(served);
  }
  const size = mappedSize ?? (await stat(served)).size;
  await openToClient(op.transferId, served, size, mappedSize !== null);
  await awaitClient(op.transferId, size, (share) => onProgress(100 - CLIENT_SHARE + share * CLIENT_SHARE), signal);
  if (readsThroughView(op)) await removeRawView(op.scratch);
  else if (op.scratch) await rm(op.scratch, { force: true });
}

async function openToClient(transferId: string, imagePath: string, imageSize: number, readsChainMap = false) {
  await db.imageTransfer.update({ where: { id: transferId }, data: { phase: "transferring", imagePath, imageSize: BigInt(imageSize), readsChainMap, lastActivityAt: new Date() } });
}

export async function undoTransferOp(op: TransferOp) {
  if (op.kind === "send-image") {
    if (readsThroughView(op)) await removeRawView(op.scratch);
    else if (op.scratch) await removeScratch(op.scratch);
    return;
  }
  if (writesVolumeDirectly(op)) await removeRawView(op.scratch);
  else await removeScratch(op.scratch);
  await removeVolume(op.path);
  for (const file of op.discard) await removeVolume(file);
}

async function removeScratch(file: string) {
  await verifyDomainOfFile(file);
  await rm(file, { force: true });
}
