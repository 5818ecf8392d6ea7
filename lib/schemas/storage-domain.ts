import { z } from "zod";
import { description, entityId } from "./common";

export const storageDomainType = z.enum(["data", "export", "iso"]);
export const storageDomainStatus = z.enum(["active", "maintenance", "inactive", "unattached", "locked"]);
/** nfs and posixfs: the path is the mount point of the export or device; localfs: a local directory. */
export const storageType = z.enum(["nfs", "posixfs", "localfs"]);
const absolutePath = z.string().trim().min(1, "Path is required").refine((p) => p.startsWith("/"), "Path must be absolute");
/** Committed (provisioned) bytes may reach this % of the domain's size; empty = no limit. */
const maxOvercommitPct = z.number().int().min(1, "At least 1 %").max(100_000).nullable();

export const addStorageDomainSchema = z.strictObject({
  name: z.string().trim().min(1, "Name is required").max(64).regex(/^[A-Za-z0-9_.-]+$/, "Use letters, digits, '-', '_' and '.' only"),
  description,
  type: storageDomainType.default("data"),
  storageType: storageType.default("localfs"),
  path: absolutePath,
  /** Omitted: the first data center; null: added unattached (as oVirt's REST API adds domains). */
  dataCenterId: entityId.nullable().optional(),
  warningLowSpacePct: z.number().int().min(0).max(100).default(10),
  criticalSpaceGb: z.number().int().min(0).max(100_000).default(5),
  maxOvercommitPct: maxOvercommitPct.optional(),
});
export type AddStorageDomainInput = z.input<typeof addStorageDomainSchema>;

export const setStorageDomainStatusSchema = z.strictObject({
  storageDomainId: entityId,
  status: z.enum(["active", "maintenance"]),
});

export const updateStorageDomainSchema = z.strictObject({
  storageDomainId: entityId,
  name: z.string().trim().min(1, "Name is required").max(64).regex(/^[A-Za-z0-9_.-]+$/, "Use letters, digits, '-', '_' and '.' only").optional(),
  warningLowSpacePct: z.number().int().min(0).max(100).optional(),
  criticalSpaceGb: z.number().int().min(0).max(100_000).optional(),
  maxOvercommitPct: maxOvercommitPct.optional(),
  description: z.string().max(1000).optional(),
  /** What the domain is (data, export, iso): it cannot change, but clients resend it with each update. */
  type: z.string().optional(),
});

export type UpdateStorageDomainInput = z.input<typeof updateStorageDomainSchema>;

/** Attach an existing domain found at a path: its metadata says which domain it is. */
export const importStorageDomainSchema = z.strictObject({
  path: absolutePath,
  storageType: storageType.default("localfs"),
  /** Attach to this data center at once (otherwise it stays unattached). */
  dataCenterId: entityId.optional(),
});
export type ImportStorageDomainInput = z.input<typeof importStorageDomainSchema>;

export const attachStorageDomainSchema = z.strictObject({ storageDomainId: entityId, dataCenterId: entityId });
export const detachStorageDomainSchema = z.strictObject({ storageDomainId: entityId });
export const removeStorageDomainSchema = z.strictObject({
  storageDomainId: entityId,
  /** Also delete the domain's folder (<path>/<id>) from storage, after verifying it is this domain. */
  format: z.boolean().default(false),
});

/** Registering a VM, template or floating disk that an attached data domain holds and the portal does not. */
export const registerEntitySchema = z.strictObject({
  storageDomainId: entityId,
  entityId,
  /** Omitted: the first cluster. Ignored when the VM or template is still in the portal. */
  clusterId: entityId.optional(),
  /** A new name, when the one in its descriptor is taken by another. */
  name: z.string().trim().min(1, "Name is required").max(64).optional(),
  /** Register even though some of its disks are on domains that are not attached (they are left out). */
  allowPartialImport: z.boolean().default(false),
  correlationId: z.string().max(200).optional(),
});
export type RegisterEntityInput = z.input<typeof registerEntitySchema>;
