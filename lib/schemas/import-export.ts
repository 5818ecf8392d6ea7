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
