import "server-only";
import { AppError } from "@/lib/errors";
import { diskUnusableReason, vmNotDownReason } from "./state-rules";

// Preconditions on the state of VMs and disks, phrased as oVirt phrases them.

export function requireVmDown(vm: { name: string; status: string; lockJobId: string | null }, action: string) {
  const reason = vmNotDownReason(vm);
  if (reason) throw new AppError(vm.lockJobId ? "CONFLICT" : "VM_NOT_DOWN", `Cannot ${action}. ${reason}`);
}

export function requireDiskUsable(disk: { alias: string; status: string; lockJobId: string | null }, action: string) {
  const reason = diskUnusableReason(disk);
  if (reason) throw new AppError(disk.status === "illegal" && !disk.lockJobId ? "CONFLICT" : "DISK_LOCKED", `Cannot ${action}. ${reason}`);
}
