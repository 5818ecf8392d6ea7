import { z } from "zod";
import { AppError } from "@/lib/errors";
import { MiB } from "@/lib/schemas/common";
import { parseInput } from "@/lib/schemas/parse";
import type { AddVmFromTemplateInput, AddVmInput, UpdateVmInput } from "@/lib/schemas/vm";
import type { WireNode } from "../wire/tree";
import { isBlankTemplate } from "../serialize/blank-template";
import { bool, count, element, listOf, oneStorageDomain, reference, text } from "./wire-schema";
import { clusterIdOf, firstStorageDomainId, templateIdOf } from "./refs";
import { attachmentFields } from "./disk-attachment";
import { toNewDisk } from "./new-disk";

// POST /vms[?clone=true]. From a template, each `<disk_attachment><disk id="TEMPLATE_DISK">`
// names a template disk and the domain its VM disk goes to. From Blank, `<disk_attachments>`
// may carry new disks, each on its own domain (all made by one job).

/** Per template disk. `provisioning_mode` is Multistore's extension: copy_then_thin copies the
 * template disk to the target domain first, so a thin disk can live there. */
const templateDiskWire = element({
  id: text,
  href: text.optional(),
  name: text.optional(),
  alias: text.optional(),
  format: z.enum(["cow", "raw"]).optional(),
  sparse: bool.optional(),
  storage_domains: oneStorageDomain.optional(),
  provisioning_mode: z.enum(["thin", "clone", "copy_then_thin"]).optional(),
});
const templateAttachmentWire = element({ id: text.optional(), href: text.optional(), disk: templateDiskWire });
const newAttachmentWire = element(attachmentFields);

const cpuWire = element({ architecture: z.literal("x86_64").optional(), topology: element({ sockets: count.optional(), cores: count.optional(), threads: count.optional() }).optional() }).optional();

const vmWire = element({
  name: text,
  description: text.optional(),
  comment: text.optional(),
  cluster: reference.optional(),
  template: reference.optional(),
  memory: count.optional(),
  cpu: cpuWire,
  type: z.enum(["server", "desktop", "high_performance"]).optional(),
  disk_attachments: listOf("disk_attachment", z.unknown()).optional(),
});
type VmWire = z.output<typeof vmWire>;

export type VmRequest = { kind: "blank"; input: AddVmInput } | { kind: "template"; input: AddVmFromTemplateInput };

function memoryMb(memory: number | undefined) {
  if (memory === undefined) return undefined;
  if (memory % MiB) throw new AppError("VALIDATION", "Invalid input. memory: must be a whole number of MiB (in bytes).");
  return memory / MiB;
}

function cpus(cpu: VmWire["cpu"]) {
  const t = cpu?.topology;
  return t ? (t.sockets ?? 1) * (t.cores ?? 1) * (t.threads ?? 1) : undefined;
}

export async function parseAddVm(node: WireNode, clone: boolean, correlationId?: string): Promise<VmRequest> {
  const wire = parseInput(vmWire, node);
  const general = {
    name: wire.name,
    description: wire.description,
    cpus: cpus(wire.cpu),
    memoryMb: memoryMb(wire.memory),
    clusterId: wire.cluster ? await clusterIdOf(wire.cluster) : undefined,
    correlationId,
  };
  const attachments = wire.disk_attachments ?? [];
  if (!wire.template || isBlankTemplate(wire.template)) {
    const disks = [];
    for (const item of attachments) {
      const a = parseInput(newAttachmentWire, item);
      if (a.disk.id) throw new AppError("VALIDATION", "A VM from the Blank template gets new disks only; attach existing disks afterwards.");
      disks.push({ ...(await toNewDisk(a.disk)), interface: a.interface, bootable: a.bootable ?? a.disk.bootable });
    }
    return { kind: "blank", input: { ...general, disks } };
  }
  const disks = [];
  for (const item of attachments) {
    const { disk } = parseInput(templateAttachmentWire, item);
    const mode = disk.provisioning_mode === "copy_then_thin" ? "copy-then-thin" : (disk.provisioning_mode ?? (clone ? "clone" : "thin"));
    if (mode !== "clone" && (disk.format === "raw" || disk.sparse === false)) {
      throw new AppError("VALIDATION", `Invalid input. Disk ${disk.id} is thin on the template: it is qcow2 (cow) and sparse; use ?clone=true for an independent copy.`);
    }
    const storageDomainId = await firstStorageDomainId(disk.storage_domains ?? []);
    if (!storageDomainId) throw new AppError("VALIDATION", `Invalid input. Disk ${disk.id}: name the storage domain in <storage_domains>.`);
    // A clone takes the format and allocation asked for (raw and sparse=false: a preallocated raw disk).
    const shape: { format?: "qcow2" | "raw"; allocation?: "thin" | "preallocated" } = {};
    if (mode === "clone" && disk.format) shape.format = disk.format === "cow" ? "qcow2" : "raw";
    if (mode === "clone" && disk.sparse !== undefined) shape.allocation = disk.sparse ? "thin" : "preallocated";
    disks.push({ templateDiskId: disk.id, storageDomainId, mode, alias: disk.alias ?? disk.name, ...shape } as const);
  }
  return { kind: "template", input: { ...general, templateId: await templateIdOf(wire.template), disks } };
}

// PUT /vms/{id}: the fields ovirt_vm changes that the portal has (name, description, memory,
// CPUs). Other known elements of a full VM body are accepted and left as they are.
const updateVmWire = element({
  name: text.optional(),
  description: text.optional(),
  comment: text.optional(),
  memory: count.optional(),
  cpu: cpuWire,
  cluster: reference.optional(),
  template: reference.optional(),
  type: z.enum(["server", "desktop", "high_performance"]).optional(),
});

export function parseUpdateVm(node: WireNode, vmId: string): UpdateVmInput {
  const wire = parseInput(updateVmWire, node);
  return { vmId, name: wire.name, description: wire.description, memoryMb: memoryMb(wire.memory), cpus: cpus(wire.cpu) };
}
