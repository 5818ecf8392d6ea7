import { z } from "zod";
import { description, diskAllocation, diskFormat, diskInterface, entityId, provisionedSize, correlationId } from "./common";

/** A new, empty disk and the storage domain it is placed on. */
export const newDiskSchema = z.strictObject({
  alias: z.string().trim().min(1, "Alias is required").max(255),
  description,
  provisionedSize,
  format: diskFormat.default("qcow2"),
  allocation: diskAllocation.default("thin"),
  interface: diskInterface.default("virtio"),
  bootable: z.boolean().default(false),
  shareable: z.boolean().default(false),
  storageDomainId: entityId,
});
export type NewDiskInput = z.input<typeof newDiskSchema>;

/** Add a disk to a VM, or a floating disk when vmId is absent. */
export const addDiskSchema = newDiskSchema.extend({
  /** A client-chosen id (the engine accepts one); the server draws one otherwise. */
  id: z.uuid("A disk id must be a UUID").optional(),
  vmId: entityId.optional(),
  /** Attached active (plugged in at once if the VM runs) or inactive; only with vmId. */
  active: z.boolean().default(true),
  correlationId,
});
export type AddDiskInput = z.input<typeof addDiskSchema>;

export const moveDisksSchema = z.strictObject({
  moves: z
    .array(z.strictObject({ diskId: entityId, storageDomainId: entityId }))
    .min(1, "Choose at least one disk")
    .refine((moves) => new Set(moves.map((m) => m.diskId)).size === moves.length, "A disk appears twice"),
  correlationId,
});
export type MoveDisksInput = z.input<typeof moveDisksSchema>;

export const copyDiskSchema = z.strictObject({
  diskId: entityId,
  storageDomainId: entityId,
  alias: z.string().trim().min(1).max(255).optional(),
  correlationId,
});
export type CopyDiskInput = z.input<typeof copyDiskSchema>;

export const attachDiskSchema = z.strictObject({
  vmId: entityId,
  diskId: entityId,
  interface: diskInterface.default("virtio"),
  bootable: z.boolean().default(false),
  active: z.boolean().default(true),
});
export type AttachDiskInput = z.input<typeof attachDiskSchema>;

export const detachDiskSchema = z.strictObject({ vmId: entityId, diskId: entityId });
export const deleteDiskSchema = z.strictObject({ diskId: entityId, correlationId });

/** Changes to a disk: its alias and description (extending its size is not supported yet). */
export const updateDiskSchema = z.strictObject({
  diskId: entityId,
  alias: z.string().trim().min(1, "Alias is required").max(255).optional(),
  description: z.string().max(1000, "At most 1000 characters").optional(),
  provisionedSize: z.number().int().positive().optional(),
});
export type UpdateDiskInput = z.input<typeof updateDiskSchema>;
