import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import type { WireNode } from "../wire/tree";
import type { AddDiskInput, NewDiskInput, UpdateDiskInput } from "@/lib/schemas/disk";
import { bool, count, element, oneStorageDomain, text } from "./wire-schema";
import { firstStorageDomainId } from "./refs";

// A new disk as clients describe it in POST /disks and POST /vms/{id}/diskattachments.

export const newDiskFields = {
  id: text.optional(),
  href: text.optional(),
  name: text.optional(),
  alias: text.optional(),
  description: text.optional(),
  provisioned_size: count.optional(),
  /** What an upload will write (ovirt_disk measures it); space is checked as the data arrives. */
  initial_size: count.optional(),
  format: z.enum(["cow", "raw"]).optional(),
  sparse: bool.optional(),
  storage_domains: oneStorageDomain.optional(),
  shareable: bool.optional(),
  bootable: bool.optional(),
  content_type: z.literal("data", { error: "only data disks can be added" }).optional(),
  storage_type: z.literal("image", { error: "only image disks are supported" }).optional(),
  wipe_after_delete: bool.refine((v) => !v, "wipe after delete is not supported").optional(),
  propagate_errors: bool.optional(),
  qcow_version: z.enum(["qcow2_v2", "qcow2_v3"]).optional(),
};
export const newDiskWire = element(newDiskFields);
export type NewDiskWire = z.output<typeof newDiskWire>;

export async function toNewDisk(disk: NewDiskWire): Promise<NewDiskInput> {
  // Required on the wire; their ranges (1 MiB to 64 TiB, an active data domain) are the domain's rules.
  if (disk.provisioned_size === undefined) throw new AppError("VALIDATION", "Invalid input. provisioned_size: the size of a new disk is required.");
  const storageDomainId = await firstStorageDomainId(disk.storage_domains ?? []);
  if (!storageDomainId) throw new AppError("VALIDATION", "Invalid input. storage_domains: name the storage domain of the new disk.");
  return {
    alias: disk.alias ?? disk.name ?? "",
    description: disk.description ?? "",
    provisionedSize: disk.provisioned_size,
    format: disk.format === "raw" ? "raw" : "qcow2",
    allocation: disk.sparse === false ? "preallocated" : "thin",
    bootable: disk.bootable,
    shareable: disk.shareable,
    storageDomainId,
  };
}

/** POST /disks: a floating disk, with the id the client chose if it sent one (as the engine allows). */
export async function parseAddDisk(node: WireNode, correlationId?: string): Promise<AddDiskInput> {
  const { id, href: _href, ...disk } = parseInput(newDiskWire, node);
  return { ...(await toNewDisk(disk)), id, correlationId };
}

/** PUT /disks/{id}: name (alias), description and size, in the elements a disk is read with. */
export function parseUpdateDisk(node: WireNode, diskId: string): UpdateDiskInput {
  const { id: _id, href: _href, ...disk } = parseInput(newDiskWire, node);
  return { diskId, alias: disk.alias ?? disk.name, description: disk.description, provisionedSize: disk.provisioned_size };
}
