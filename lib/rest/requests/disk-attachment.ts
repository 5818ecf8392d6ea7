import { z } from "zod";
import type { AddDiskInput, AttachDiskInput } from "@/lib/schemas/disk";
import { parseInput } from "@/lib/schemas/parse";
import { db } from "@/lib/db";
import type { WireNode } from "../wire/tree";
import { bool, element, text } from "./wire-schema";
import { newDiskWire, toNewDisk } from "./new-disk";

// POST /vms/{id}/diskattachments: an existing floating disk named by its id (any other fields
// sent with it are ignored, as the engine does: ovirt_disk repeats the whole disk), or a new
// disk (it has a size and a domain), with the id the client chose if any.

export const attachmentFields = {
  id: text.optional(),
  href: text.optional(),
  active: bool.optional(),
  bootable: bool.optional(),
  interface: z.enum(["virtio", "virtio_scsi", "sata"], { error: "must be virtio, virtio_scsi or sata" }).optional(),
  read_only: bool.refine((v) => !v, "read-only attachments are not supported").optional(),
  pass_discard: bool.optional(),
  uses_scsi_reservation: bool.refine((v) => !v, "SCSI reservation is not supported").optional(),
  logical_name: text.optional(),
  disk: newDiskWire,
};
const attachmentWire = element(attachmentFields);

export type AttachmentRequest = { kind: "attach"; input: AttachDiskInput } | { kind: "add"; input: AddDiskInput };

export async function parseDiskAttachment(node: WireNode, vmId: string, correlationId?: string): Promise<AttachmentRequest> {
  const wire = parseInput(attachmentWire, node);
  const { id, href: _href, ...spec } = wire.disk;
  const common = { vmId, interface: wire.interface, bootable: wire.bootable ?? spec.bootable };
  if (id && (!Object.keys(spec).length || (await db.disk.count({ where: { id } })))) {
    return { kind: "attach", input: { ...common, diskId: id, active: wire.active } };
  }
  return { kind: "add", input: { ...(await toNewDisk(spec)), ...common, active: wire.active, id, correlationId } };
}
