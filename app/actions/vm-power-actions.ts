"use server";

import { runAction } from "@/lib/action-result";
import { currentActor } from "@/app/_lib/current-actor";
import { startVm } from "@/lib/vms/runtime/start-vm";
import { shutdownVm } from "@/lib/vms/runtime/shutdown-vm";
import { powerOffVm } from "@/lib/vms/runtime/power-off-vm";
import { suspendVm } from "@/lib/vms/runtime/suspend-vm";
import type { SuspendVmInput } from "@/lib/schemas/vm-runtime";

// Run (resumes a suspended VM), shut down, power off and suspend (hibernate).

export async function startVmAction(vmId: string) {
  return runAction(async () => {
    await startVm({ vmId }, await currentActor());
  });
}

export async function shutdownVmAction(vmId: string) {
  return runAction(async () => {
    await shutdownVm({ vmId }, await currentActor());
  });
}

export async function powerOffVmAction(vmId: string) {
  return runAction(async () => {
    await powerOffVm({ vmId }, await currentActor());
  });
}

export async function suspendVmAction(input: SuspendVmInput) {
  return runAction(async () => {
    await suspendVm(input, await currentActor());
  });
}
