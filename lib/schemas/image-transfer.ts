import { z } from "zod";
import { correlationId, entityId } from "./common";
import { newDiskSchema } from "./disk";

/**
 * An image transfer, as oVirt's POST /imagetransfers takes it: into or out of an existing disk,
 * or (the portal's Upload dialog) into a new disk made for it.
 */
export const startTransferSchema = z
  .strictObject({
    direction: z.enum(["upload", "download"]),
    diskId: entityId.optional(),
    /** A download of the disk as one of its volumes holds it (oVirt's disk snapshot): its guest data down the chain from there. */
    diskSnapshotId: entityId.optional(),
    /** Only that volume's own data (oVirt's shallow): ranges it does not hold are holes, which the client leaves to a backing file of its own. */
    shallow: z.boolean().default(false),
    newDisk: newDiskSchema.omit({ interface: true, bootable: true }).optional(),
    /** raw: guest data, converted to and from the disk's format; cow: the image file's own bytes. */
    format: z.enum(["raw", "cow"]).default("cow"),
    /** Seconds without data before the transfer is cancelled (imageio's inactivity_timeout). */
    inactivityTimeout: z.number().int().min(5).max(86_400).default(60),
    /** What silence past it does: cancel (roll back), pause (the client resumes or cancels), legacy (an upload pauses, a download is cancelled). */
    timeoutPolicy: z.enum(["legacy", "pause", "cancel"]).default("legacy"),
    correlationId,
  })
  .refine((input) => [input.diskId, input.diskSnapshotId, input.newDisk].filter(Boolean).length === 1, {
    message: "Name the disk or the disk snapshot to transfer, or describe a new disk to upload into (one of them).",
    path: ["diskId"],
  })
  .refine((input) => !input.diskSnapshotId || input.direction === "download", { message: "A disk snapshot can only be downloaded.", path: ["direction"] })
  .refine((input) => !input.shallow || input.direction === "download", { message: "Only a download can be shallow: an upload replaces the disk's whole data.", path: ["shallow"] })
  .refine((input) => !input.newDisk || input.direction === "upload", { message: "Only an upload can make a new disk.", path: ["direction"] });
export type StartTransferInput = z.input<typeof startTransferSchema>;

export const transferIdSchema = z.strictObject({ transferId: entityId });

/** The portal's Upload dialog: a new disk sized from the chosen image file. */
export const uploadDiskSchema = newDiskSchema.omit({ interface: true, bootable: true, shareable: true, description: true });
export type UploadDiskInput = z.input<typeof uploadDiskSchema>;
