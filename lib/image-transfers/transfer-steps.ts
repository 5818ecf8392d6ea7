import "server-only";
import { z } from "zod";
import { bytesWeight, defineOperation, volumeMetaInputSchema, volumeRecordSchema } from "@/lib/jobs/operation";
import { copyBytes, MiB } from "@/lib/storage-domains/space-estimates";
import { executeTransferOp, undoTransferOp } from "./transfer-ops";

// The job steps of an image transfer: each prepares the file the imageio endpoint serves, waits
// while the client sends or reads data, and on finalize makes the result. Undone by removing
// every file it made (and, for an upload into a floating disk, the disk's old volume: a failed
// upload leaves no disk, as the engine removes it).

const imageFormat = z.enum(["qcow2", "raw"]);
/** raw: the guest's data (converted from or to the disk's format); cow: the image file's own bytes. */
const transferFormat = z.enum(["raw", "cow"]);
export type TransferFormat = z.infer<typeof transferFormat>;

const receiveSchema = z.object({
  kind: z.literal("receive-image"),
  label: z.string(),
  transferId: z.string(),
  /** The new active volume, made from the uploaded data at finalize. */
  path: z.string(),
  /** Where the client's data lands meanwhile (next to `path`). */
  scratch: z.string(),
  format: imageFormat,
  preallocated: z.boolean(),
  transferFormat,
  meta: volumeMetaInputSchema,
  record: volumeRecordSchema,
  /** Files removed when the step is undone besides its own (a floating disk's old volume). */
  discard: z.array(z.string()),
  weightBytes: z.number(),
});

const sendSchema = z.object({
  kind: z.literal("send-image"),
  label: z.string(),
  transferId: z.string(),
  /** The active volume (or a disk snapshot's); the whole chain is read when it has a backing, unless shallow: its own data alone. */
  source: z.object({ path: z.string(), format: imageFormat, chained: z.boolean(), shallow: z.boolean().default(false) }),
  /** A converted copy served instead of the volume itself, when the transfer format needs one; "" for none. */
  scratch: z.string(),
  domainId: z.string(),
  transferFormat,
  weightBytes: z.number(),
});

export type ReceiveImageOp = z.infer<typeof receiveSchema>;
export type SendImageOp = z.infer<typeof sendSchema>;
export type TransferOp = ReceiveImageOp | SendImageOp;

/**
 * Guest data for a thin qcow2 disk is written straight into the new volume through a raw view
 * of it (qemu-storage-daemon): one pass over the data. Anything else lands in a file first:
 * an image file's own bytes (probed, checked, then renamed or converted), or guest data for a
 * raw disk (renamed, allocated first when preallocated) or a preallocated qcow2 one (converted).
 */
export function writesVolumeDirectly(op: ReceiveImageOp) {
  return op.transferFormat === "raw" && op.format === "qcow2" && !op.preallocated;
}

/** Guest data for a preallocated raw disk lands in a file allocated up front, which becomes the volume by a rename at finalize. */
export function allocatesScratch(op: Pick<ReceiveImageOp, "transferFormat" | "format" | "preallocated">) {
  return op.transferFormat === "raw" && op.format === "raw" && op.preallocated;
}

/** Guest data from a qcow2 volume or a chain is read through a raw view of it; an image file (cow) of a chain is made by a conversion. */
export function readsThroughView(op: SendImageOp) {
  return op.scratch !== "" && op.transferFormat === "raw";
}

export const transferSteps = [
  defineOperation<ReceiveImageOp>({
    kind: "receive-image",
    schema: receiveSchema,
    execute: (op, onProgress, signal) => executeTransferOp(op, onProgress, signal),
    undo: (op) => undoTransferOp(op),
    weight: bytesWeight,
    writes: (op) => [op.path, op.scratch],
    makes: (op) => [op.path, op.scratch, ...op.discard],
    writesImage: (op) => op.path,
    madeVolume: (op) => ({ record: op.record, path: op.path, capacity: op.meta.sizeBytes }),
    // The data is checked against the domain's space as it arrives (image-io); the disk it
    // replaces already commits its size.
    needsSpace: (op) => ({ storageDomainId: op.meta.domainId, path: op.path, bytes: op.preallocated ? op.meta.sizeBytes : MiB, provisionedBytes: 0 }),
  }),
  defineOperation<SendImageOp>({
    kind: "send-image",
    schema: sendSchema,
    execute: (op, onProgress, signal) => executeTransferOp(op, onProgress, signal),
    undo: (op) => undoTransferOp(op),
    weight: bytesWeight,
    reads: (op) => [{ path: op.source.path, format: op.source.format }],
    writes: (op) => (op.scratch ? [op.scratch] : []),
    makes: (op) => (op.scratch ? [op.scratch] : []),
    // A raw view takes no space, but its reservation is what tells the domain monitor whose file it is.
    needsSpace: (op) => (op.scratch ? { storageDomainId: op.domainId, path: op.scratch, bytes: readsThroughView(op) ? 0 : copyBytes(op.weightBytes), provisionedBytes: 0 } : null),
  }),
];
