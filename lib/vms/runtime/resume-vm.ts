import "server-only";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { loadDisk, loadVm } from "@/lib/entities/load";
import { requireDiskUsable } from "@/lib/entities/require-state";
import { loadDiskChain } from "@/lib/disks/chain";
import { createJob } from "@/lib/jobs/create-job";
import { newPlan } from "@/lib/operations";
import { parseInput } from "@/lib/schemas/parse";
import { requirePermission, vmScopes } from "@/lib/auth/authorize";
import { resumeVmSchema, type ResumeVmInput } from "@/lib/schemas/vm-runtime";
import { launchSpecFor } from "./launch-spec";
import { statusText } from "./vm-status";

const ACTION = "resume VM";

/**
 * Resumes a hibernated VM as a job: QEMU starts with -incoming from the memory volume, then the
 * guest continues; only after that is committed is the memory volume removed. If restoring
 * fails, the VM stays suspended with its memory volume as it was, and the job says why.
 */
export async function resumeVm(input: ResumeVmInput, actor: Actor) {
  const data = parseInput(resumeVmSchema, input);
  const vm = await loadVm(data.vmId);
  requirePermission(actor, "operate_vm", await vmScopes(vm.id), `resume VM ${vm.name}`);
  if (vm.lockJobId) throw new AppError("CONFLICT", `Cannot ${ACTION}. VM ${vm.name} is locked by another operation.`);
  if (vm.status !== "suspended") throw new AppError("CONFLICT", `Cannot ${ACTION}. VM ${vm.name} is ${statusText(vm.status)}; only a suspended VM can be resumed.`);
  if (!vm.memoryDiskId) throw new AppError("CONFLICT", `Cannot ${ACTION}. VM ${vm.name} has no saved memory state; power it off to start it afresh.`);

  const memoryDisk = await loadDisk(vm.memoryDiskId);
  requireDiskUsable(memoryDisk, ACTION);
  const memory = await loadDiskChain(memoryDisk.id);
  if (memory.storageDomain.status !== "active") {
    const state = memory.storageDomain.status === "maintenance" ? "in maintenance" : memory.storageDomain.status;
    throw new AppError("STORAGE_DOMAIN_INACTIVE", `Cannot ${ACTION}. Its memory volume is on storage domain ${memory.storageDomain.name}, which is ${state}.`);
  }
  const memoryVolume = memory.volumes.at(-1)!;
  const launch = await launchSpecFor(vm, ACTION);

  const plan = newPlan();
  plan.locked.vms[vm.id] = vm.status;
  plan.locked.disks[memoryDisk.id] = memoryDisk.status;
  plan.ops.push({ kind: "restore-memory", label: `Restore the memory of VM ${vm.name} from ${memory.storageDomain.name}`, launch, memoryPath: memoryVolume.path, weightBytes: memoryVolume.actualSize });
  plan.commit.updateVms.push({ id: vm.id, status: "up", memoryDiskId: null });
  plan.commit.deleteDisks.push(memoryDisk.id);
  plan.removeAfterCommit.push(...memory.volumes.map((v) => v.path));

  const job = await createJob({
    type: "resume_vm",
    description: `Resuming VM ${vm.name}`,
    actor,
    correlationId: data.correlationId,
    plan,
    objectType: "vm",
    objectId: vm.id,
    createRows: async (tx) => {
      await tx.vm.update({ where: { id: vm.id }, data: { status: "restoring_state" } });
    },
  });
  return { job };
}
