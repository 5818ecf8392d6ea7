// Request bodies exactly as oVirt clients write them (see shared notes, "The flows as clients send them").

export const storageDomains = (id: string) => `<storage_domains><storage_domain id="${id}"/></storage_domains>`;

export interface NewDisk {
  name: string;
  domainId: string;
  sizeBytes?: number;
  format?: "cow" | "raw";
  sparse?: boolean;
}

export function diskXml({ name, domainId, sizeBytes = 1024 ** 3, format = "cow", sparse = true }: NewDisk) {
  return `<disk><name>${name}</name><format>${format}</format><provisioned_size>${sizeBytes}</provisioned_size><sparse>${sparse}</sparse>${storageDomains(domainId)}</disk>`;
}

export function diskAttachmentXml(disk: NewDisk, iface = "virtio_scsi", bootable = false) {
  return `<disk_attachment><active>true</active><bootable>${bootable}</bootable><interface>${iface}</interface>${diskXml(disk)}</disk_attachment>`;
}

/** Per-disk placement: `<disk_attachment><disk id="…"><storage_domains>…` for templates, imports, clones. */
export function diskMapXml(map: { diskId: string; domainId: string; extra?: string }[]) {
  return `<disk_attachments>${map.map((m) => `<disk_attachment><disk id="${m.diskId}">${m.extra ?? ""}${storageDomains(m.domainId)}</disk></disk_attachment>`).join("")}</disk_attachments>`;
}
