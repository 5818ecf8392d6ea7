// Why a VM or disk is not in a state for an operation, as oVirt phrases it; null when it is.
// Pure, so the server refuses with the same words the browser shows on a disabled action.

export function vmNotDownReason(vm: { name: string; status: string; lockJobId: string | null }) {
  if (vm.lockJobId) return `VM ${vm.name} is locked by another operation.`;
  if (vm.status !== "down") return `VM ${vm.name} is ${vm.status.replace("_", " ")}; it must be down.`;
  return null;
}

export function diskUnusableReason(disk: { alias: string; status: string; lockJobId: string | null }) {
  if (disk.lockJobId || disk.status === "locked") return `Disk ${disk.alias} is locked by another operation.`;
  if (disk.status === "illegal") return `Disk ${disk.alias} is illegal.`;
  return null;
}

export function activeOnRunningVmReason(disk: { alias: string }, vm: { name: string; status: string }) {
  if (vm.status === "down") return null;
  return `Disk ${disk.alias} is active on VM ${vm.name}, which is ${vm.status}; deactivate it or shut the VM down.`;
}
