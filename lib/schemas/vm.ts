import { z } from "zod";
import { correlationId, cpus, description, diskAllocation, diskFormat, entityId, entityName, memoryMb } from "./common";
import { newDiskSchema } from "./disk";

export const vmGeneralSchema = z.strictObject({
  name: entityName,
  description,
  cpus: cpus.default(1),
  memoryMb: memoryMb.default(512),
  clusterId: entityId.optional(),
});

export const addVmSchema = vmGeneralSchema.extend({
  disks: z.array(newDiskSchema).max(32, "At most 32 disks").default([]),
  correlationId,
});
export type AddVmInput = z.input<typeof addVmSchema>;

/**
 * Per template disk: where the VM's disk goes and how. thin = overlay on the template's copy on
 * that domain; clone = independent full copy; copy-then-thin = copy the template disk to that
 * domain first (it stays there for later VMs), then thin.
 */
export const templateDiskPlacement = z
  .strictObject({
    templateDiskId: entityId,
    storageDomainId: entityId,
    mode: z.enum(["thin", "clone", "copy-then-thin"]).default("thin"),
    alias: z.string().trim().min(1).max(255).optional(),
    /** A clone's own format and allocation; the template disk's when not given. */
    format: diskFormat.optional(),
    allocation: diskAllocation.optional(),
  })
  .refine((p) => p.mode === "clone" || (p.format === undefined && p.allocation === undefined), {
    message: "Only a cloned disk chooses its format and allocation; a thin disk is a qcow2 overlay on the template",
    path: ["format"],
  });

export const addVmFromTemplateSchema = z.strictObject({
  name: entityName,
  description,
  templateId: entityId,
  cpus: cpus.optional(),
  memoryMb: memoryMb.optional(),
  clusterId: entityId.optional(),
  disks: z.array(templateDiskPlacement).default([]),
  correlationId,
});
export type AddVmFromTemplateInput = z.input<typeof addVmFromTemplateSchema>;

export const deleteVmSchema = z.strictObject({ vmId: entityId, detachOnly: z.boolean().default(false), correlationId });
export type DeleteVmInput = z.input<typeof deleteVmSchema>;

/** Changes to a VM: any subset. CPUs and memory only while it is down (no hot-plug yet). */
export const updateVmSchema = z.strictObject({
  vmId: entityId,
  name: entityName.optional(),
  description: z.string().max(1000, "At most 1000 characters").optional(),
  cpus: cpus.optional(),
  memoryMb: memoryMb.optional(),
});
export type UpdateVmInput = z.input<typeof updateVmSchema>;

/** The VM list's bulk actions on the selected VMs. */
export const bulkVmSchema = z.strictObject({
  operation: z.enum(["run", "shutdown", "remove"]),
  vmIds: z.array(entityId).min(1, "Select at least one VM").max(500, "At most 500 VMs at once"),
});
export type BulkVmInput = z.input<typeof bulkVmSchema>;
