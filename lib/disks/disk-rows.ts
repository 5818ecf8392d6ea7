import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";

// Disk rows made when a job is created: locked by the job until it commits.

export interface NewDiskRow {
  id: string;
  alias: string;
  description?: string;
  provisionedSize: number;
  format: string;
  allocation: string;
  shareable?: boolean;
  contentType?: string;
}

export interface AttachmentSpec {
  vmId?: string;
  templateId?: string;
  interface: string;
  bootable: boolean;
  active?: boolean;
}

export async function createLockedDisk(tx: Tx, jobId: string, disk: NewDiskRow, attachTo?: AttachmentSpec) {
  await tx.disk.create({
    data: {
      id: disk.id,
      alias: disk.alias,
      description: disk.description ?? "",
      provisionedSize: BigInt(disk.provisionedSize),
      format: disk.format,
      allocation: disk.allocation,
      shareable: disk.shareable ?? false,
      contentType: disk.contentType ?? "data",
      status: "locked",
      lockJobId: jobId,
      attachments: attachTo ? { create: { id: randomUUID(), ...attachTo, active: attachTo.active ?? true } } : undefined,
    },
  });
}
