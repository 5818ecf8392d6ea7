import "server-only";
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { importOvaSchema, type ImportOvaInput } from "@/lib/schemas/import-export";
import { volumePath } from "@/lib/storage/layout";
import { parseVmOrTemplateOvf } from "@/lib/transfer/ovf";
import { importFromOvf } from "@/lib/transfer/import-from-ovf";
import { existingOvaPath, OVF_MEMBER } from "./ova-paths";

const execFileAsync = promisify(execFile);

/** What an .ova holds (its OVF), read without unpacking the disks: for the import form. */
export async function inspectOva(file: string) {
  const ova = await existingOvaPath(file);
  const xml = await execFileAsync("tar", ["-xOf", ova, OVF_MEMBER], { maxBuffer: 16 << 20 }).then(
    ({ stdout }) => stdout,
    () => null,
  );
  if (!xml) throw new AppError("VALIDATION", `${file.slice(0, 200)} is not an OVA this portal can read: it has no ${OVF_MEMBER}.`);
  try {
    return { path: ova, ovf: parseVmOrTemplateOvf(xml) };
  } catch {
    throw new AppError("VALIDATION", `${file.slice(0, 200)} has an OVF this portal cannot read.`);
  }
}

/**
 * Imports the VM or template an .ova holds, as a new one (new ids), each disk to the data domain
 * chosen for it: streamed out of the tar onto the domain and checked as an upload is (no backing
 * file, qemu-img check, converted to the disk's format).
 */
export async function importOva(input: ImportOvaInput, actor: Actor, expected?: "vm" | "template") {
  const data = parseInput(importOvaSchema, input);
  const { path: ova, ovf } = await inspectOva(data.path);
  if (expected && ovf.kind !== expected) throw new AppError("CONFLICT", `${data.path.slice(0, 200)} holds a ${ovf.kind === "vm" ? "VM" : "template"}, not a ${expected === "vm" ? "VM" : "template"}.`);
  const action = ovf.kind === "vm" ? "import VM from OVA" : "import Template from OVA";
  const result = await importFromOvf(
    {
      kind: ovf.kind,
      ovf,
      name: data.name,
      defaultStorageDomainId: data.defaultStorageDomainId,
      disks: data.disks,
      correlationId: data.correlationId,
      action,
      from: "from OVA",
      diskStep: (disk, target, shape) => {
        const volumeId = randomUUID();
        return {
          kind: "unpack-ova-disk",
          label: `Import disk ${disk.alias} to ${target.name}`,
          ova,
          member: `${disk.diskId}/${disk.volumeId}`,
          path: volumePath(target, shape.id, volumeId),
          format: shape.format,
          preallocated: shape.allocation === "preallocated",
          meta: { diskId: shape.id, volumeId, domainId: target.id, parent: null, sizeBytes: shape.provisionedSize },
          record: { id: volumeId, diskId: shape.id, storageDomainId: target.id, parentId: null, format: shape.format, leaf: true, snapshotId: null },
          weightBytes: disk.actualSize,
        };
      },
    },
    actor,
  );
  return { ...result, kind: ovf.kind };
}
