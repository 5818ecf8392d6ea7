import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { copyDiskSchema, type CopyDiskInput } from "@/lib/schemas/disk";
import { checkPlacements, copyBytes } from "@/lib/storage-domains/placement";
import { loadDisk } from "@/lib/entities/load";
import { requireDiskUsable } from "@/lib/entities/require-state";
import { createJob } from "@/lib/jobs/create-job";
import { newPlan } from "@/lib/operations";
import { copyTemplateDisk } from "@/lib/templates/copy-template-disk";
import { chainSource, loadDiskChain } from "./chain";
import { createLockedDisk } from "./disk-rows";
import { db } from "@/lib/db";
import { STATUSES_WITH_PROCESS, statusText } from "@/lib/vms/runtime/vm-status";
import { collapseCopyOp } from "./volume-ops";
import { diskScopes, requireDiskCreation, requirePermission } from "@/lib/auth/authorize";

/**
 * Copies a disk to a domain. A VM or floating disk gives a new independent floating disk; a
 * template disk gains a copy on that domain (oVirt's meaning of copy for template disks).
 */
export async function copyDisk(input: CopyDiskInput, actor: Actor) {
  const data = parseInput(copyDiskSchema, input);
  const disk = await loadDisk(data.diskId);
  if (disk.attachments.some((a) => a.templateId)) {
    return { diskId: disk.id, ...(await copyTemplateDisk({ diskId: disk.id, storageDomainIds: [data.storageDomainId], correlationId: data.correlationId }, actor)) };
  }
  requirePermission(actor, "edit_disk", await diskScopes(disk.id), `copy disk ${disk.alias}`);
  requireDiskUsable(disk, "copy Virtual Disk");
  await requireNotInUse(disk);
  if (disk.contentType !== "data") throw new AppError("CONFLICT", `Cannot copy Virtual Disk. Disk ${disk.alias} is a memory dump of a hibernated VM, not a data disk.`);
  const chain = await loadDiskChain(disk.id);
  const source = chainSource(chain);
  const domains = await checkPlacements("copy Virtual Disk", [
    { storageDomainId: data.storageDomainId, bytes: copyBytes(source.weightBytes), what: `disk ${disk.alias}`, field: "storageDomainId" },
  ]);
  const target = domains.get(data.storageDomainId)!;
  await requireDiskCreation(actor, [target]);
  const copy = {
    id: randomUUID(),
    alias: data.alias ?? `${disk.alias}_copy`,
    provisionedSize: Number(disk.provisionedSize),
    format: disk.format as "qcow2" | "raw",
    allocation: disk.allocation,
  };
  const plan = newPlan();
  plan.locked.disks[disk.id] = disk.status;
  plan.created.disks.push(copy.id);
  plan.ops.push(collapseCopyOp({ label: `Copy disk ${disk.alias} to ${target.name}`, source, target, disk: copy, track: true }));
  const job = await createJob({
    type: "copy_disk",
    description: `Copying disk ${disk.alias} to ${target.name}`,
    actor,
    correlationId: data.correlationId,
    plan,
    objectType: "disk",
    objectId: copy.id,
    createRows: (tx, jobId) => createLockedDisk(tx, jobId, copy),
  });
  return { diskId: copy.id, job };
}

/**
 * A disk plugged into a VM whose QEMU runs changes under a copy: only a move follows a running
 * guest (it mirrors), as in the engine, which refuses to copy a disk plugged into a VM not down.
 */
async function requireNotInUse(disk: { id: string; alias: string }) {
  const vm = await db.vm.findFirst({ where: { status: { in: [...STATUSES_WITH_PROCESS] }, attachments: { some: { diskId: disk.id, active: true } } } });
  if (vm) throw new AppError("CONFLICT", `Cannot copy Virtual Disk. Disk ${disk.alias} is plugged into VM ${vm.name}, which is ${statusText(vm.status)}; power it off or move the disk instead.`);
}
