import "server-only";
import { AppError } from "@/lib/errors";
import type { VmProcessRef } from "@/lib/vms/runtime/vm-status";

// When a disk may be plugged into or out of a running VM (lib/runtime/hotplug.ts does it).

type RunningVm = { id: string; name: string; status: string; runtimePid: number | null; qmpSocket: string | null };

/** Up or paused: QEMU takes and drops devices. Any other state (saving, restoring, suspended) refuses. */
export function requireHotplug(vm: RunningVm, diskInterface: string, action: string) {
  if (vm.status !== "up" && vm.status !== "paused") {
    throw new AppError("VM_NOT_DOWN", `Cannot ${action}. VM ${vm.name} is ${vm.status.replace(/_/g, " ")}; disks are plugged in or out while it is up, paused or down.`);
  }
  // QEMU's AHCI controller does not hot-plug (nor does oVirt's IDE/SATA).
  if (diskInterface === "sata") throw new AppError("CONFLICT", `Cannot ${action}. A SATA disk cannot be plugged in or out while VM ${vm.name} runs; use virtio or virtio-scsi, or shut the VM down first.`);
}

export function processRef(vm: RunningVm): VmProcessRef {
  return { id: vm.id, name: vm.name, runtimePid: vm.runtimePid, qmpSocket: vm.qmpSocket };
}
