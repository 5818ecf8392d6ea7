"use server";

import { runAction } from "@/lib/action-result";
import { currentActor } from "@/app/_lib/current-actor";
import { exportObject } from "@/lib/transfer/export-object";
import { importObject } from "@/lib/transfer/import-object";
import { removeExported } from "@/lib/transfer/remove-exported";
import type { ExportInput, ImportInput } from "@/lib/schemas/import-export";

export async function exportAction(kind: "vm" | "template", input: ExportInput) {
  return runAction(async () => ({ jobId: (await exportObject(kind, input, await currentActor())).job.id }));
}

export async function importAction(kind: "vm" | "template", input: ImportInput) {
  return runAction(async () => {
    const { id, job } = await importObject(kind, input, await currentActor());
    return { id, jobId: job.id };
  });
}

export async function removeExportedAction(input: { storageDomainId: string; kind: "vms" | "templates"; id: string }) {
  return runAction(async () => {
    await removeExported(input, await currentActor());
  });
}
