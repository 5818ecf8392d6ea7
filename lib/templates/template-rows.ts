import "server-only";
import type { Tx } from "@/lib/db";
import { createLockedDisk, type NewDiskRow } from "@/lib/disks/disk-rows";

// The rows of a template being made (from a VM or as a clone): locked by the job until it commits.

export interface NewTemplateRow {
  id: string;
  name: string;
  description: string;
  cpus: number;
  memoryMb: number;
  clusterId: string;
}

export async function createLockedTemplate(
  tx: Tx,
  jobId: string,
  template: NewTemplateRow,
  disks: { disk: NewDiskRow; attachment: { interface: string; bootable: boolean } }[],
) {
  await tx.template.create({ data: { ...template, status: "locked", lockJobId: jobId } });
  for (const { disk, attachment } of disks) {
    await createLockedDisk(tx, jobId, disk, { templateId: template.id, interface: attachment.interface, bootable: attachment.bootable });
  }
}
