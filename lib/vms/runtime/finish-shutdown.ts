import "server-only";
import type { Actor } from "@/lib/actor";
import { waitForQemuExit } from "@/lib/runtime/qemu-process";
import { stopQemu } from "./stop-qemu";
import { recordVmStopped } from "./vm-exit";
import type { VmProcessRef } from "./vm-status";

// Shutdowns still waiting on their guest: one waiter per VM, however often it is asked for.
const pending = new Map<string, Promise<void>>();

/**
 * The second half of a shutdown: wait for the guest to power off after the ACPI request, and
 * power the VM off when it has not within the timeout (a guest without an OS never reacts).
 */
export function finishShutdown(vm: VmProcessRef, timeoutMs: number, actor: Actor) {
  const existing = pending.get(vm.id);
  if (existing) return existing;
  const done = (async () => {
    const { runtimePid: pid, qmpSocket } = vm;
    const exited = !pid || !qmpSocket || (await waitForQemuExit(pid, qmpSocket, timeoutMs));
    await stopQemu(vm); // forces the power-off if needed; cleans the runtime files either way
    const seconds = Math.round(timeoutMs / 1000);
    await recordVmStopped(
      vm.id,
      pid,
      actor,
      exited ? `VM ${vm.name} was shut down by its guest.` : `VM ${vm.name} did not shut down within ${seconds} s of the ACPI request; it was powered off.`,
    );
  })()
    .catch((error) => console.error(`shutdown of VM ${vm.name} failed`, error))
    .finally(() => pending.delete(vm.id));
  pending.set(vm.id, done);
  return done;
}
