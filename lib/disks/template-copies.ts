import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { volumePath } from "@/lib/storage/layout";
import type { ImageFormat } from "@/lib/storage/driver";

// Where a template disk has copies, and the rule that a thin disk needs one on its own domain.

export interface TemplateCopy {
  volumeId: string;
  diskId: string;
  format: ImageFormat;
  actualSize: number;
  path: string;
  storageDomain: { id: string; name: string; path: string; status: string };
}

export async function templateCopies(diskId: string): Promise<TemplateCopy[]> {
  const rows = await db.volume.findMany({ where: { diskId }, include: { storageDomain: true } });
  return rows.map((v) => ({
    volumeId: v.id,
    diskId,
    format: v.format as ImageFormat,
    actualSize: Number(v.actualSize),
    path: volumePath(v.storageDomain, diskId, v.id),
    storageDomain: v.storageDomain,
  }));
}

/** The template disk's copy on a domain, or oVirt's refusal when that domain has none. */
export async function templateCopyOn(templateDiskId: string, domain: { id: string; name: string }, action: string) {
  const copy = (await templateCopies(templateDiskId)).find((c) => c.storageDomain.id === domain.id);
  if (!copy) {
    throw new AppError(
      "TEMPLATE_NOT_ON_DOMAIN",
      `Cannot ${action}. The selected Storage Domain ${domain.name} does not contain the VM Template's disk; copy the template disk there first, or clone the disk.`,
    );
  }
  return copy;
}

/** A readable source copy for a full copy: the one on the preferred domain, else any active one. */
export async function readableTemplateCopy(templateDiskId: string, preferDomainId: string, action: string) {
  const copies = (await templateCopies(templateDiskId)).filter((c) => c.storageDomain.status === "active");
  const copy = copies.find((c) => c.storageDomain.id === preferDomainId) ?? copies[0];
  if (!copy) throw new AppError("STORAGE_DOMAIN_INACTIVE", `Cannot ${action}. No active storage domain holds a copy of template disk ${templateDiskId}.`);
  return copy;
}

export function copyVolumeFor(copy: TemplateCopy) {
  return { id: copy.volumeId, path: copy.path, format: copy.format };
}
