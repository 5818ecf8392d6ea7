"use server";

import { runAction } from "@/lib/action-result";
import { currentActor } from "@/app/_lib/current-actor";
import { addVm } from "@/lib/vms/add-vm";
import { addVmFromTemplate } from "@/lib/vms/add-vm-from-template";
import { deleteVm } from "@/lib/vms/delete-vm";
import { onEachVm } from "@/lib/vms/bulk-vm-actions";
import type { AddVmFromTemplateInput, AddVmInput, BulkVmInput, DeleteVmInput } from "@/lib/schemas/vm";

// Server actions adapt forms to the domain layer and nothing more.

export async function addVmAction(input: AddVmInput) {
  return runAction(async () => {
    const { vmId, job } = await addVm(input, await currentActor());
    return { vmId, jobId: job.id };
  });
}

export async function addVmFromTemplateAction(input: AddVmFromTemplateInput) {
  return runAction(async () => {
    const { vmId, job } = await addVmFromTemplate(input, await currentActor());
    return { vmId, jobId: job.id };
  });
}

export async function deleteVmAction(input: DeleteVmInput) {
  return runAction(async () => ({ jobId: (await deleteVm(input, await currentActor())).job.id }));
}

export async function bulkVmAction(input: BulkVmInput) {
  return runAction(async () => onEachVm(input, await currentActor()));
}
