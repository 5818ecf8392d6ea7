import { z } from "zod";

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;

export const entityId = z.string().trim().min(1, "Required").max(100, "Too long");

// oVirt's rule for VM and template names.
export const entityName = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(64, "At most 64 characters")
  .regex(/^[A-Za-z0-9_.-]+$/, "Use letters, digits, '-', '_' and '.' only");

export const description = z.string().max(1000, "At most 1000 characters").default("");

export const diskFormat = z.enum(["qcow2", "raw"]);
export const diskAllocation = z.enum(["thin", "preallocated"]);
export const diskInterface = z.enum(["virtio", "virtio_scsi", "sata"]);

export const provisionedSize = z
  .number({ error: "Size must be a number of bytes" })
  .int("Size must be a whole number of bytes")
  .min(MiB, "Size must be at least 1 MiB")
  .max(64 * TiB, "Size must be at most 64 TiB");

// An empty number field reaches zod as NaN: its message must say what to enter.
export const cpus = z.number({ error: "Enter a number of CPUs" }).int("Enter a whole number of CPUs").min(1, "At least 1 CPU").max(64, "At most 64 CPUs");
export const memoryMb = z.number({ error: "Enter the memory in MiB" }).int("Enter a whole number of MiB").min(128, "At least 128 MiB").max(1024 * 1024, "At most 1 TiB");

export const correlationId = z.string().max(200).optional();
