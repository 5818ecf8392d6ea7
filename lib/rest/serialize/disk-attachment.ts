import type { DiskRow } from "@/lib/queries/list-disks";
import { href, ref } from "../hrefs";
import type { OutNode } from "../wire/tree";
import { diskNode } from "./disk";

export type AttachmentOwner = { kind: "vm"; id: string } | { kind: "template"; id: string };

/** `<disk_attachment>`; its id is the disk's, as in oVirt. `followDisk` inlines the whole disk. */
export function diskAttachmentNode(
  owner: AttachmentOwner,
  attachment: { interface: string; bootable: boolean; active: boolean },
  disk: DiskRow,
  followDisk = false,
): OutNode {
  const base = owner.kind === "vm" ? href.vmDiskAttachment(owner.id, disk.id) : href.templateDiskAttachment(owner.id, disk.id);
  return {
    "@href": base,
    "@id": disk.id,
    active: attachment.active,
    bootable: attachment.bootable,
    interface: attachment.interface,
    pass_discard: false,
    read_only: false,
    uses_scsi_reservation: false,
    disk: followDisk ? diskNode(disk) : ref("disk", disk.id),
    [owner.kind]: ref(owner.kind, owner.id),
  };
}
