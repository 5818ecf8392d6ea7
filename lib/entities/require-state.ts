import "server-only";
import { AppError } from "@/lib/errors";

// Preconditions on the state of VMs and disks, phrased as oVirt phrases them.

export function requireVmDown(vm: { name: string; status: string; lockJobId: string | null }, action: string) {
  if (vm.lockJobId) throw new AppError("CONFLICT", `Cannot ${action}. VM ${vm.name} is locked by another operation.`);
  if (vm.status !== "down") {
    throw new AppError("VM_NOT_DOWN", `Cannot ${action}. VM ${vm.name} is ${vm.status.replace("_", " ")}; it must be down.`);
  }
}

export function requireDiskUsable(disk: { alias: string; status: string; lockJobId: string | null }, action: string) {
  if (disk.lockJobId || disk.status === "locked") throw new AppError("DISK_LOCKED", `Cannot ${action}. Disk ${disk.alias} is locked by another operation.`);
  if (disk.status === "illegal") throw new AppError("CONFLICT", `Cannot ${action}. Disk ${disk.alias} is illegal.`);
}
