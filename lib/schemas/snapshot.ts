import { z } from "zod";
import { correlationId, entityId } from "./common";

export const createSnapshotSchema = z.strictObject({
  vmId: entityId,
  description: z.string().trim().min(1, "Description is required").max(255),
  correlationId,
});
export type CreateSnapshotInput = z.input<typeof createSnapshotSchema>;

export const snapshotRefSchema = z.strictObject({ vmId: entityId, snapshotId: entityId, correlationId });
export type SnapshotRefInput = z.input<typeof snapshotRefSchema>;
