import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { startTransferSchema, type StartTransferInput } from "@/lib/schemas/image-transfer";
import { checkPlacements, newDiskBytes } from "@/lib/storage-domains/placement";
import { loadDisk, loadVm } from "@/lib/entities/load";
import { requireDiskUsable, requireVmDown } from "@/lib/entities/require-state";
import { createJob } from "@/lib/jobs/create-job";
import { newPlan, type Plan } from "@/lib/operations";
import type { TransferFormat } from "./transfer-steps";
import { chainSource, loadDiskChain } from "@/lib/disks/chain";
import { createLockedDisk } from "@/lib/disks/disk-rows";
import { db } from "@/lib/db";
import { diskScopes, requireDiskCreation, requirePermission } from "@/lib/auth/authorize";
import { volumePath } from "@/lib/storage/layout";
import type { ImageFormat } from "@/lib/storage/driver";

// Starts an image transfer: a job that holds the disk while the client sends or reads its data
// through the imageio endpoint (lib/image-transfers/imageio-http.ts). Upload and download share the
// engine's rules: the disk is usable, its VM (if any) is down, the job locks the disk.

type Start = ReturnType<typeof startTransferSchema.parse>;

export async function startTransfer(input: StartTransferInput, actor: Actor) {
  const data = parseInput(startTransferSchema, input);
  const transferId = randomUUID();
  const ticket = randomBytes(24).toString("hex");
  const { plan, diskId, description, createRows } = data.newDisk
    ? await planUploadIntoNewDisk(data, data.newDisk, transferId, actor)
    : await planOnExistingDisk(data, data.diskId ?? (await diskOfSnapshot(data.diskSnapshotId!)), transferId, actor);
  const job = await createJob({
    type: data.direction === "upload" ? "upload_disk" : "download_disk",
    description,
    actor,
    correlationId: data.correlationId,
    plan,
    objectType: "disk",
    objectId: diskId,
    createRows: async (tx, jobId) => {
      await createRows?.(tx, jobId);
      await tx.imageTransfer.create({
        data: { id: transferId, jobId, diskId, direction: data.direction, format: data.format, shallow: data.shallow, diskSnapshotId: data.diskSnapshotId, ticket, inactivityTimeout: data.inactivityTimeout, timeoutPolicy: data.timeoutPolicy, actor: actor.name },
      });
    },
  });
  return { transferId, ticket, diskId, job };
}

async function planUploadIntoNewDisk(data: Start, newDisk: NonNullable<Start["newDisk"]>, transferId: string, actor: Actor) {
  const domains = await checkPlacements("upload Virtual Disk", [
    { storageDomainId: newDisk.storageDomainId, bytes: newDiskBytes(newDisk), what: `disk ${newDisk.alias}`, field: "newDisk.storageDomainId" },
  ]);
  const domain = domains.get(newDisk.storageDomainId)!;
  await requireDiskCreation(actor, [domain]);
  const disk = { ...newDisk, id: randomUUID() };
  const plan = newPlan();
  plan.created.disks.push(disk.id);
  plan.ops.push(receiveOp(transferId, data.format as TransferFormat, domain, disk, []));
  return {
    plan,
    diskId: disk.id,
    description: `Uploading disk ${disk.alias} to ${domain.name}`,
    createRows: (tx: Parameters<typeof createLockedDisk>[0], jobId: string) => createLockedDisk(tx, jobId, disk),
  };
}

/** The disk a disk snapshot (one of its volumes) belongs to. */
async function diskOfSnapshot(volumeId: string) {
  const volume = await db.volume.findUnique({ where: { id: volumeId }, select: { diskId: true } });
  if (!volume) throw new AppError("NOT_FOUND", `Disk snapshot ${volumeId} doesn't exist.`);
  return volume.diskId;
}

async function planOnExistingDisk(data: Start, diskId: string, transferId: string, actor: Actor) {
  const disk = await loadDisk(diskId);
  const verb = data.direction === "upload" ? "upload" : "download";
  requirePermission(actor, "edit_disk", await diskScopes(disk.id), `${verb} disk ${disk.alias}`);
  requireDiskUsable(disk, `${verb} Virtual Disk`);
  if (disk.attachments.some((a) => a.templateId)) throw new AppError("CONFLICT", `Cannot ${verb} Virtual Disk. Disk ${disk.alias} belongs to a template.`);
  if (disk.contentType !== "data") throw new AppError("CONFLICT", `Cannot ${verb} Virtual Disk. Disk ${disk.alias} is a memory dump of a hibernated VM, not a data disk.`);
  const vmId = disk.attachments.find((a) => a.vmId)?.vmId ?? null;
  const vm = vmId ? await loadVm(vmId) : null;
  if (vm) requireVmDown(vm, `${verb} Virtual Disk`);
  const chain = await loadDiskChain(disk.id);
  const plan = newPlan();
  if (vm) plan.shared!.vms[vm.id] = vm.status;
  const domain = chain.storageDomain;
  const shape = { id: disk.id, alias: disk.alias, provisionedSize: Number(disk.provisionedSize), format: disk.format as ImageFormat, allocation: disk.allocation };

  if (data.direction === "download") {
    plan.locked.disks[disk.id] = disk.status;
    const source = chainSource(chain, data.diskSnapshotId, { shallow: data.shallow });
    // Shallow: one volume's own bytes, the file itself as an image (cow), its data alone as guest data (raw).
    const chained = !data.shallow && (chain.volumes[0].path !== source.path || !!chain.templateBase);
    const servedFormat: ImageFormat = data.format === "raw" ? "raw" : "qcow2";
    const convert = chained || (data.format === "raw" && source.format !== "raw");
    plan.ops.push({
      kind: "send-image",
      label: `Send disk ${disk.alias}`,
      transferId,
      source: { path: source.path, format: source.format, chained, shallow: data.shallow },
      scratch: convert ? `${source.path}.download-${transferId}` : "",
      domainId: domain.id,
      transferFormat: convert ? (servedFormat === "raw" ? "raw" : "cow") : (data.format as TransferFormat),
      weightBytes: source.weightBytes,
    });
    return { plan, diskId: disk.id, description: `Downloading disk ${disk.alias}`, createRows: undefined };
  }

  // An upload replaces the disk's one volume; a disk with snapshots or on a template keeps its chain.
  if (chain.volumes.length > 1 || chain.templateBase) {
    throw new AppError("CONFLICT", `Cannot upload Virtual Disk. Disk ${disk.alias} has snapshots or is thin on a template; upload into a new disk instead.`);
  }
  const old = chain.volumes[0];
  plan.commit.deleteVolumes.push(old.id);
  plan.removeAfterCommit.push(old.path);
  // The engine removes a floating disk whose upload fails or is cancelled; a VM's disk keeps its data.
  const floating = !vm;
  if (floating) plan.created.disks.push(disk.id);
  else plan.locked.disks[disk.id] = disk.status;
  plan.ops.push(receiveOp(transferId, data.format as TransferFormat, domain, shape, floating ? [old.path] : []));
  return {
    plan,
    diskId: disk.id,
    description: `Uploading disk ${disk.alias} to ${domain.name}`,
    createRows: floating ? (tx: Parameters<typeof createLockedDisk>[0], jobId: string) => lockFloatingDisk(tx, jobId, disk) : undefined,
  };
}

function receiveOp(
  transferId: string,
  transferFormat: TransferFormat,
  domain: { id: string; path: string; name: string },
  disk: { id: string; alias: string; provisionedSize: number; format: ImageFormat; allocation: string },
  discard: string[],
): Plan["ops"][number] {
  const volumeId = randomUUID();
  const path = volumePath(domain, disk.id, volumeId);
  return {
    kind: "receive-image",
    label: `Receive disk ${disk.alias} on ${domain.name}`,
    transferId,
    path,
    scratch: `${path}.upload`,
    format: disk.format,
    preallocated: disk.allocation === "preallocated",
    transferFormat,
    meta: { diskId: disk.id, volumeId, domainId: domain.id, parent: null, sizeBytes: disk.provisionedSize },
    record: { id: volumeId, diskId: disk.id, storageDomainId: domain.id, parentId: null, format: disk.format, leaf: true, snapshotId: null },
    discard,
    weightBytes: disk.provisionedSize,
  };
}

/** A floating disk is the job's to delete should the upload fail: locked like a disk the job made. */
async function lockFloatingDisk(tx: Parameters<typeof createLockedDisk>[0], jobId: string, disk: { id: string; alias: string; status: string }) {
  const { count } = await tx.disk.updateMany({ where: { id: disk.id, lockJobId: null, status: disk.status }, data: { lockJobId: jobId, status: "locked" } });
  if (count !== 1) throw new AppError("DISK_LOCKED", `Disk ${disk.alias} is locked by another operation or changed meanwhile.`);
}
