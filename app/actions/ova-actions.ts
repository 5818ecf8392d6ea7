"use server";

import { runAction } from "@/lib/action-result";
import { currentActor } from "@/app/_lib/current-actor";
import { exportOva } from "@/lib/ova/export-ova";
import { importOva, inspectOva } from "@/lib/ova/import-ova";
import type { ExportOvaInput, ImportOvaInput } from "@/lib/schemas/import-export";

export async function exportOvaAction(kind: "vm" | "template", input: ExportOvaInput) {
  return runAction(async () => {
    const { path, job } = await exportOva(kind, input, await currentActor());
    return { path, jobId: job.id };
  });
}

/** What an OVA holds, for the import dialog's per-disk targets. */
export async function inspectOvaAction(input: { path: string }) {
  return runAction(async () => {
    await currentActor();
    const { ovf } = await inspectOva(input.path);
    return { kind: ovf.kind, name: ovf.name, disks: ovf.disks.map((d) => ({ diskId: d.diskId, alias: d.alias, provisionedSize: d.provisionedSize, actualSize: d.actualSize })) };
  });
}

export async function importOvaAction(input: ImportOvaInput) {
  return runAction(async () => {
    const { id, kind, job } = await importOva(input, await currentActor());
    return { id, kind, jobId: job.id };
  });
}
