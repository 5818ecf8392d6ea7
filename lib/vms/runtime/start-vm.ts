import "server-only";
import { instance } from "@/lib/jobs/instance";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events";
import { loadVm } from "@/lib/entities/load";
import { waitForJob } from "@/lib/jobs/run-job";
import { launchQemu, QemuStartError } from "@/lib/runtime/launch-qemu";
import { runtimeFiles } from "@/lib/runtime/runtime-paths";
import { parseInput } from "@/lib/schemas/parse";
import { requirePermission, vmScopes } from "@/lib/auth/authorize";
import { startVmSchema, type StartVmInput } from "@/lib/schemas/vm-runtime";
import { launchSpecFor } from "./launch-spec";
import { resumeVm } from "./resume-vm";
import { stopQemu } from "./stop-qemu";
import { watchQemu } from "./vm-connections";
import { statusText } from "./vm-status";

const ACTION = "run VM";

/**
 * Runs a VM: one QEMU process with each disk opened from its own domain. The VM is powering up
 * while QEMU starts and up once the guest runs; returns then (about a second). A suspended VM is
 * resumed from its saved memory instead, as oVirt's Run does.
 */
export async function startVm(input: StartVmInput, actor: Actor) {
  const data = parseInput(startVmSchema, input);
  const vm = await loadVm(data.vmId);
  requirePermission(actor, "operate_vm", await vmScopes(vm.id), `run VM ${vm.name}`);
  if (vm.lockJobId) throw new AppError("CONFLICT", `Cannot ${ACTION}. VM ${vm.name} is locked by another operation.`);
  if (await db.vmHold.count({ where: { vmId: vm.id } })) throw new AppError("CONFLICT", `Cannot ${ACTION}. Disks of VM ${vm.name} are being moved; run it once those jobs end.`);
  if (vm.status === "suspended") return resumeAndWait(data, actor);
  if (vm.status !== "down") throw new AppError("VM_NOT_DOWN", `Cannot ${ACTION}. VM ${vm.name} is ${statusText(vm.status)}; only a down or suspended VM can be run.`);
  const spec = await launchSpecFor(vm, ACTION);

  const files = runtimeFiles(vm.id);
  const { count } = await db.vm.updateMany({
    where: { id: vm.id, status: "down", lockJobId: null, holds: { none: {} } },
    data: { status: "powering_up", qmpSocket: files.qmpSocket, runtimeHost: instance.host, runtimeStartedAt: new Date() },
  });
  if (count !== 1) throw new AppError("CONFLICT", `Cannot ${ACTION}. VM ${vm.name} changed meanwhile.`);

  let pid: number | null = null;
  try {
    const launched = await launchQemu(spec, {
      // Recorded before anything else can fail, so no QEMU runs without the database knowing.
      onSpawned: async (spawned) => {
        pid = spawned;
        await db.vm.update({ where: { id: vm.id }, data: { runtimePid: spawned } });
      },
    });
    watchQemu(vm, launched.pid, files.qmpSocket, launched.client);
    await launched.client.execute("cont");
    // With kvm:tcg QEMU may have fallen back to emulation: ask it.
    const { enabled: kvm } = await launched.client.execute<{ enabled: boolean }>("query-kvm");
    const mode = kvm ? "KVM" : "TCG emulation";
    await db.$transaction(async (tx) => {
      const { count: up } = await tx.vm.updateMany({ where: { id: vm.id, status: "powering_up", runtimePid: launched.pid }, data: { status: "up" } });
      if (up !== 1) throw new Error("its QEMU process ended while starting");
      await recordEvent(tx, actor, { action: "start_vm", message: `VM ${vm.name} started (QEMU pid ${launched.pid}, ${mode}, ${spec.disks.length} disk(s)).`, objectType: "vm", objectId: vm.id });
    });
  } catch (error) {
    const detail = error instanceof QemuStartError ? error.message : `QEMU failed: ${(error as Error).message}`;
    await stopQemu({ id: vm.id, name: vm.name, runtimePid: pid, qmpSocket: files.qmpSocket }).catch(() => undefined);
    await db.$transaction(async (tx) => {
      await tx.vm.updateMany({ where: { id: vm.id, status: { in: ["powering_up", "up", "down"] } }, data: { status: "down", runtimePid: null, qmpSocket: null, runtimeStartedAt: null } });
      await recordEvent(tx, actor, { action: "start_vm_failed", severity: "error", message: `Failed to run VM ${vm.name}. ${detail}`, objectType: "vm", objectId: vm.id });
    });
    throw new AppError("RUNTIME_FAILURE", `Cannot ${ACTION}. ${detail}`);
  }
  return db.vm.findUniqueOrThrow({ where: { id: vm.id } });
}

async function resumeAndWait(data: { vmId: string; correlationId?: string }, actor: Actor) {
  const { job } = await resumeVm(data, actor);
  const ended = await waitForJob(job.id);
  if (ended.status !== "finished") throw new AppError("RUNTIME_FAILURE", `Cannot ${ACTION}. ${ended.error ?? "Restoring its memory failed."} It stays suspended.`);
  return db.vm.findUniqueOrThrow({ where: { id: data.vmId } });
}
