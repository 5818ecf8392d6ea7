import { z } from "zod";
import { description, entityId } from "./common";

export const storageDomainType = z.enum(["data", "export", "iso"]);
export const storageDomainStatus = z.enum(["active", "maintenance", "inactive", "locked"]);

export const addStorageDomainSchema = z.strictObject({
  name: z.string().trim().min(1, "Name is required").max(64).regex(/^[A-Za-z0-9_.-]+$/, "Use letters, digits, '-', '_' and '.' only"),
  description,
  type: storageDomainType.default("data"),
  path: z.string().trim().min(1, "Path is required").refine((p) => p.startsWith("/"), "Path must be absolute"),
  dataCenterId: entityId.optional(),
  warningLowSpacePct: z.number().int().min(0).max(100).default(10),
  criticalSpaceGb: z.number().int().min(0).max(100_000).default(5),
});
export type AddStorageDomainInput = z.input<typeof addStorageDomainSchema>;

export const setStorageDomainStatusSchema = z.strictObject({
  storageDomainId: entityId,
  status: z.enum(["active", "maintenance"]),
});

export const updateStorageDomainSchema = z.strictObject({
  storageDomainId: entityId,
  warningLowSpacePct: z.number().int().min(0).max(100).optional(),
  criticalSpaceGb: z.number().int().min(0).max(100_000).optional(),
  description: z.string().max(1000).optional(),
});
