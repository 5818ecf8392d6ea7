import "server-only";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events";
import { loadVm } from "@/lib/entities/load";
import { parseInput } from "@/lib/schemas/parse";
import { requirePermission, vmScopes } from "@/lib/auth/authorize";
import { shutdownVmSchema, type ShutdownVmInput } from "@/lib/schemas/vm-runtime";
import { finishShutdown } from "./finish-shutdown";
import { expectExit, vmConnection } from "./vm-connections";
import { statusText } from "./vm-status";

const ACTION = "shut down VM";
const SHUTDOWN_FROM = ["up", "paused", "powering_up"];

/**
 * Graceful stop: presses the ACPI power button (QMP system_powerdown) and returns with the VM
 * powering down. It turns down when the guest powers off, or is powered off when it has not
 * within `timeoutSeconds`.
 */
export async function shutdownVm(input: ShutdownVmInput, actor: Actor) {
  const data = parseInput(shutdownVmSchema, input);
  const vm = await loadVm(data.vmId);
  requirePermission(actor, "operate_vm", await vmScopes(vm.id), `shut down VM ${vm.name}`);
  if (vm.lockJobId) throw new AppError("CONFLICT", `Cannot ${ACTION}. VM ${vm.name} is locked by another operation.`);
  if (!SHUTDOWN_FROM.includes(vm.status)) throw new AppError("VM_NOT_RUNNING", `Cannot ${ACTION}. VM ${vm.name} is ${statusText(vm.status)}; only a running VM can be shut down.`);

  const client = await vmConnection(vm);
  const { count } = await db.vm.updateMany({ where: { id: vm.id, status: { in: SHUTDOWN_FROM }, lockJobId: null, runtimePid: vm.runtimePid }, data: { status: "powering_down" } });
  if (count !== 1) throw new AppError("CONFLICT", `Cannot ${ACTION}. VM ${vm.name} changed meanwhile.`);
  expectExit(vm.id);
  await client.execute("system_powerdown");
  await recordEvent(db, actor, {
    action: "shutdown_vm",
    message: `Shutting down VM ${vm.name}: ACPI shutdown requested; it is powered off if still running after ${data.timeoutSeconds} s.`,
    objectType: "vm",
    objectId: vm.id,
  });
  void finishShutdown(vm, data.timeoutSeconds * 1000, actor);
  return db.vm.findUniqueOrThrow({ where: { id: vm.id } });
}
