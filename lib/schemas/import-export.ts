import { z } from "zod";
import { correlationId, entityId, entityName } from "./common";

export const exportSchema = z.strictObject({
  /** The VM or template id. */
  id: entityId,
  storageDomainId: entityId,
  /** Replace an earlier export of the same object (oVirt's exclusive=true). */
  overwrite: z.boolean().default(false),
  correlationId,
});
export type ExportInput = z.input<typeof exportSchema>;

export const importSchema = z.strictObject({
  exportDomainId: entityId,
  /** The id of the VM or template inside the export domain. */
  id: entityId,
  name: entityName.optional(),
  /** Target for disks not listed in `disks`. */
  defaultStorageDomainId: entityId.optional(),
  disks: z.array(z.strictObject({ diskId: entityId, storageDomainId: entityId })).default([]),
  correlationId,
});
export type ImportInput = z.input<typeof importSchema>;

/** An export of a VM or template as an OVA file (the engine's exporttopathonhost). */
export const exportOvaSchema = z.strictObject({
  id: entityId,
  directory: z.string().trim().min(1, "A folder is required").max(1000),
  filename: z.string().trim().min(1, "A file name is required").max(255),
  correlationId,
});
export type ExportOvaInput = z.input<typeof exportOvaSchema>;

/** An import of a VM or template from an OVA file, each disk to the domain chosen for it (or the default). */
export const importOvaSchema = z.strictObject({
  path: z.string().trim().min(1, "The OVA file is required").max(1000),
  name: entityName.optional(),
  defaultStorageDomainId: entityId.optional(),
  disks: z.array(z.strictObject({ diskId: entityId, storageDomainId: entityId })).default([]),
  correlationId,
});
export type ImportOvaInput = z.input<typeof importOvaSchema>;
