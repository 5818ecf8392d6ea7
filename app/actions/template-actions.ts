"use server";

import { runAction } from "@/lib/action-result";
import { currentActor } from "@/app/_lib/current-actor";
import { addTemplateFromVm } from "@/lib/templates/add-template-from-vm";
import { cloneTemplate } from "@/lib/templates/clone-template";
import { copyTemplateDisk } from "@/lib/templates/copy-template-disk";
import { deleteTemplate } from "@/lib/templates/delete-template";
import { removeTemplateDiskCopy } from "@/lib/templates/remove-template-disk-copy";
import type { AddTemplateFromVmInput, CloneTemplateInput, CopyTemplateDiskInput, RemoveTemplateDiskCopyInput } from "@/lib/schemas/template";

export async function addTemplateFromVmAction(input: AddTemplateFromVmInput) {
  return runAction(async () => {
    const { templateId, job } = await addTemplateFromVm(input, await currentActor());
    return { templateId, jobId: job.id };
  });
}

export async function cloneTemplateAction(input: CloneTemplateInput) {
  return runAction(async () => {
    const { templateId, job } = await cloneTemplate(input, await currentActor());
    return { templateId, jobId: job.id };
  });
}

export async function copyTemplateDiskAction(input: CopyTemplateDiskInput) {
  return runAction(async () => ({ jobId: (await copyTemplateDisk(input, await currentActor())).job.id }));
}

export async function deleteTemplateAction(input: { templateId: string }) {
  return runAction(async () => ({ jobId: (await deleteTemplate(input, await currentActor())).job.id }));
}

export async function removeTemplateDiskCopyAction(input: RemoveTemplateDiskCopyInput) {
  return runAction(async () => ({ jobId: (await removeTemplateDiskCopy(input, await currentActor())).job.id }));
}
