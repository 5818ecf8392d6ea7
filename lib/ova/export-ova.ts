import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { parseInput } from "@/lib/schemas/parse";
import { exportOvaSchema, type ExportOvaInput } from "@/lib/schemas/import-export";
import { createJob } from "@/lib/jobs/create-job";
import { newPlan } from "@/lib/operations";
import { buildOvf, type OvfDisk } from "@/lib/transfer/ovf";
import { loadExportable } from "@/lib/transfer/exportable";
import { copyBytes } from "@/lib/storage-domains/space-estimates";
import { newOvaPath } from "./ova-paths";

/**
 * Exports a down VM or a template as one .ova file: its OVF and each disk collapsed to a
 * standalone qcow2, in a tar, in an allowed folder (lib/ova/ova-paths.ts).
 */
export async function exportOva(kind: "vm" | "template", input: ExportOvaInput, actor: Actor) {
  const data = parseInput(exportOvaSchema, input);
  const action = kind === "vm" ? "export VM as OVA" : "export Template as OVA";
  const { owner, disks } = await loadExportable(kind, data.id, action, actor);
  const needed = disks.reduce((sum, d) => sum + copyBytes(d.source.weightBytes), 0);
  const file = await newOvaPath(data.directory, data.filename, needed);
  const ovfDisks: OvfDisk[] = disks.map(({ disk, attachment, source }) => ({
    diskId: disk.id,
    volumeId: randomUUID(),
    alias: disk.alias,
    description: disk.description,
    provisionedSize: Number(disk.provisionedSize),
    actualSize: source.weightBytes,
    format: "qcow2",
    allocation: disk.allocation as "thin" | "preallocated",
    interface: attachment.interface,
    bootable: attachment.bootable,
  }));
  const plan = newPlan();
  plan.ops.push({
    kind: "pack-ova",
    label: `Write ${file}`,
    path: file,
    ovf: buildOvf({ kind, id: owner.id, name: owner.name, description: owner.description, cpus: owner.cpus, memoryMb: owner.memoryMb, exportedAt: new Date().toISOString(), disks: ovfDisks }),
    disks: disks.map(({ source }, i) => ({ member: `${ovfDisks[i].diskId}/${ovfDisks[i].volumeId}`, source: { path: source.path, format: source.format } })),
    weightBytes: disks.reduce((sum, d) => sum + d.source.weightBytes, 0),
  });
  if (kind === "vm") plan.locked.vms[owner.id] = owner.status;
  else plan.locked.templates[owner.id] = owner.status;
  const job = await createJob({ type: `export_${kind}_ova`, description: `Exporting ${kind === "vm" ? "VM" : "template"} ${owner.name} as OVA`, actor, correlationId: data.correlationId, plan, objectType: kind, objectId: owner.id });
  return { path: file, job };
}
