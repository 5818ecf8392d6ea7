import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { loadVm } from "@/lib/entities/load";
import { loadDiskChains } from "@/lib/disks/chain";
import { createLockedDisk } from "@/lib/disks/disk-rows";
import { createJob } from "@/lib/jobs/create-job";
import { newPlan } from "@/lib/operations";
import { isQemuAlive } from "@/lib/runtime/qemu-process";
import { MiB } from "@/lib/schemas/common";
import { parseInput } from "@/lib/schemas/parse";
import { requirePermission, vmScopes } from "@/lib/auth/authorize";
import { suspendVmSchema, type SuspendVmInput } from "@/lib/schemas/vm-runtime";
import { volumePath } from "@/lib/storage/layout";
import { chooseMemoryDomain } from "@/lib/storage-domains/memory-placement";
import { memoryVolumeBytes } from "@/lib/storage-domains/memory-volume-policy";
import { statusText } from "./vm-status";

const ACTION = "hibernate VM";

/**
 * Hibernates a running VM as a job: pause, stream its memory and device state into a memory
 * volume (a memory_dump disk on a storage domain), commit — the VM is suspended — and stop QEMU.
 * Until the commit everything is undone on failure: the file goes and the VM runs on.
 */
export async function suspendVm(input: SuspendVmInput, actor: Actor) {
  const data = parseInput(suspendVmSchema, input);
  const vm = await loadVm(data.vmId);
  requirePermission(actor, "operate_vm", await vmScopes(vm.id), `suspend VM ${vm.name}`);
  if (vm.lockJobId) throw new AppError("CONFLICT", `Cannot ${ACTION}. VM ${vm.name} is locked by another operation.`);
  if (vm.status !== "up") throw new AppError("VM_NOT_RUNNING", `Cannot ${ACTION}. VM ${vm.name} is ${statusText(vm.status)}; only a running VM can be hibernated.`);
  if (!(await isQemuAlive(vm.runtimePid, vm.qmpSocket))) throw new AppError("RUNTIME_FAILURE", `Cannot ${ACTION}. VM ${vm.name} has no running QEMU process.`);

  const neededBytes = memoryVolumeBytes(vm.memoryMb);
  const dataDisks = vm.attachments.filter((a) => a.disk.contentType === "data").map((a) => a.diskId);
  const chains = await loadDiskChains(dataDisks);
  const domain = await chooseMemoryDomain(ACTION, { vmDiskDomainIds: [...chains.values()].map((c) => c.storageDomain.id), neededBytes, requestedId: data.storageDomainId });

  const memoryDiskId = randomUUID();
  const volumeId = randomUUID();
  const ref = { id: vm.id, name: vm.name, runtimePid: vm.runtimePid, qmpSocket: vm.qmpSocket };
  const plan = newPlan();
  plan.locked.vms[vm.id] = vm.status;
  plan.created.disks.push(memoryDiskId);
  plan.ops.push(
    { kind: "pause-vm", label: `Pause VM ${vm.name}`, vm: ref },
    {
      kind: "save-memory",
      label: `Save the memory of VM ${vm.name} to ${domain.name}`,
      vm: ref,
      path: volumePath(domain, memoryDiskId, volumeId),
      meta: { diskId: memoryDiskId, volumeId, domainId: domain.id, parent: null, sizeBytes: neededBytes },
      record: { id: volumeId, diskId: memoryDiskId, storageDomainId: domain.id, parentId: null, format: "raw", leaf: true, snapshotId: null },
      weightBytes: vm.memoryMb * MiB,
    },
  );
  plan.commit.updateVms.push({ id: vm.id, status: "suspended", memoryDiskId });
  // The guest is paused by the commit: its disks' actual sizes show what it wrote (as at power off).
  for (const chain of chains.values()) plan.commit.refreshVolumes.push(...chain.volumes.map((v) => ({ id: v.id, path: v.path })));
  plan.afterCommit.push({ kind: "stop-vm", vm: ref });

  const job = await createJob({
    type: "hibernate_vm",
    description: `Hibernating VM ${vm.name} (memory to ${domain.name})`,
    actor,
    correlationId: data.correlationId,
    plan,
    objectType: "vm",
    objectId: vm.id,
    createRows: async (tx, jobId) => {
      await createLockedDisk(tx, jobId, {
        id: memoryDiskId,
        alias: `${vm.name}_hibernation_memory`,
        description: `Memory and device state of hibernated VM ${vm.name}`,
        provisionedSize: neededBytes,
        format: "raw",
        allocation: "thin",
        contentType: "memory_dump",
      });
      await tx.vm.update({ where: { id: vm.id }, data: { status: "saving_state" } });
    },
  });
  return { job, memoryDiskId, storageDomainId: domain.id };
}
