import { z } from "zod";
import { correlationId, description, entityId, entityName } from "./common";

const diskTarget = z.strictObject({
  diskId: entityId,
  storageDomainId: entityId,
  alias: z.string().trim().min(1).max(255).optional(),
});

export const addTemplateFromVmSchema = z.strictObject({
  name: entityName,
  description,
  vmId: entityId,
  /** Target domain per VM disk; disks left out go to `defaultStorageDomainId` or stay on their own domain. */
  disks: z.array(diskTarget).default([]),
  defaultStorageDomainId: entityId.optional(),
  correlationId,
});
export type AddTemplateFromVmInput = z.input<typeof addTemplateFromVmSchema>;

export const cloneTemplateSchema = z.strictObject({
  name: entityName,
  description,
  templateId: entityId,
  disks: z.array(diskTarget).default([]),
  defaultStorageDomainId: entityId.optional(),
  correlationId,
});
export type CloneTemplateInput = z.input<typeof cloneTemplateSchema>;

export const copyTemplateDiskSchema = z.strictObject({
  diskId: entityId,
  storageDomainIds: z.array(entityId).min(1, "Choose at least one domain"),
  correlationId,
});
export type CopyTemplateDiskInput = z.input<typeof copyTemplateDiskSchema>;

export const deleteTemplateSchema = z.strictObject({ templateId: entityId, correlationId });

/** One template disk's copy on one domain, to remove (the disk keeps its other copies). */
export const removeTemplateDiskCopySchema = z.strictObject({ diskId: entityId, storageDomainId: entityId, correlationId });
export type RemoveTemplateDiskCopyInput = z.input<typeof removeTemplateDiskCopySchema>;
