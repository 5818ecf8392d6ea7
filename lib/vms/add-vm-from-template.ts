import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { addVmFromTemplateSchema, type AddVmFromTemplateInput } from "@/lib/schemas/vm";
import { MiB } from "@/lib/schemas/common";
import { checkPlacements, copyBytes, type Placement } from "@/lib/storage-domains/placement";
import { loadTemplate, requireFreeName, resolveClusterId } from "@/lib/entities/load";
import { requireDiskUsable } from "@/lib/entities/require-state";
import { collapseCopyOp, overlayDiskOp } from "@/lib/disks/volume-ops";
import { copyVolumeFor, readableTemplateCopy, templateCopies, templateCopyOn } from "@/lib/disks/template-copies";
import { createLockedDisk, type NewDiskRow } from "@/lib/disks/disk-rows";
import { createJob } from "@/lib/jobs/create-job";
import { newPlan } from "@/lib/operations";
import type { StorageOp } from "@/lib/storage/storage-steps";
import { clusterScopes, requireDiskCreation, requirePermission, templateScopes } from "@/lib/auth/authorize";

const ACTION = "add VM from template";

/**
 * A VM from a template with a target domain and mode per template disk: thin (overlay on the
 * template's copy there), clone (full copy, anywhere), or copy-then-thin (copy the template
 * disk there first, for this VM and later ones).
 */
export async function addVmFromTemplate(input: AddVmFromTemplateInput, actor: Actor) {
  const data = parseInput(addVmFromTemplateSchema, input);
  const template = await loadTemplate(data.templateId);
  if (template.status !== "ok") throw new AppError("CONFLICT", `Cannot ${ACTION}. Template ${template.name} is ${template.status}.`);
  const clusterId = await resolveClusterId(data.clusterId ?? template.clusterId);
  requirePermission(actor, "create_vm", await clusterScopes(clusterId), "create VMs");
  requirePermission(actor, "view", await templateScopes(template.id), `use template ${template.name}`);
  await requireFreeName("vm", data.name);

  const unknown = data.disks.filter((d) => !template.attachments.some((a) => a.diskId === d.templateDiskId));
  if (unknown.length) throw new AppError("NOT_FOUND", `Cannot ${ACTION}. Template ${template.name} has no disk ${unknown.map((d) => d.templateDiskId).join(", ")}.`);

  // Disks the request leaves out stay thin on the first active domain holding their copy.
  const placements = [];
  for (const attachment of template.attachments) {
    requireDiskUsable(attachment.disk, ACTION);
    const asked = data.disks.find((d) => d.templateDiskId === attachment.diskId);
    const copies = await templateCopies(attachment.diskId);
    const fallback = copies.find((c) => c.storageDomain.status === "active") ?? copies[0];
    placements.push({
      attachment,
      copies,
      storageDomainId: asked?.storageDomainId ?? fallback.storageDomain.id,
      mode: asked?.mode ?? "thin",
      alias: asked?.alias ?? `${data.name}_${attachment.disk.alias}`,
      format: (asked?.format ?? attachment.disk.format) as "qcow2" | "raw",
      allocation: asked?.allocation ?? attachment.disk.allocation,
    });
  }

  const checks: Placement[] = placements.map((p, i) => {
    const source = p.copies[0];
    const hasCopy = p.copies.some((c) => c.storageDomain.id === p.storageDomainId);
    const clone = p.allocation === "preallocated" ? Math.max(Number(p.attachment.disk.provisionedSize), copyBytes(source.actualSize)) : copyBytes(source.actualSize);
    const bytes = p.mode === "clone" ? clone : p.mode === "copy-then-thin" && !hasCopy ? copyBytes(source.actualSize) + MiB : MiB;
    return { storageDomainId: p.storageDomainId, bytes, what: `disk ${p.alias}`, field: `disks.${i}.storageDomainId` };
  });
  const domains = await checkPlacements(ACTION, checks);

  await requireDiskCreation(actor, [...domains.values()]);
  const vmId = randomUUID();
  const plan = newPlan();
  plan.created.vms.push(vmId);
  const newDisks: (NewDiskRow & { attachment: { interface: string; bootable: boolean } })[] = [];
  for (const p of placements) {
    const target = domains.get(p.storageDomainId)!;
    const templateDisk = p.attachment.disk;
    const disk = { id: randomUUID(), alias: p.alias, provisionedSize: Number(templateDisk.provisionedSize) };
    let ops: StorageOp[];
    if (p.mode === "clone") {
      const source = await readableTemplateCopy(templateDisk.id, target.id, ACTION);
      const shape = { ...disk, format: p.format, allocation: p.allocation };
      ops = [collapseCopyOp({ label: `Clone disk ${disk.alias} to ${target.name}`, source: { ...source, weightBytes: source.actualSize }, target, disk: shape, track: true })];
      newDisks.push({ ...shape, attachment: p.attachment });
    } else {
      const existing = p.copies.find((c) => c.storageDomain.id === target.id);
      let base: ReturnType<typeof copyVolumeFor>;
      ops = [];
      if (existing || p.mode === "thin") {
        base = copyVolumeFor(existing ?? (await templateCopyOn(templateDisk.id, target, ACTION)));
      } else {
        // copy-then-thin: the template disk gains a copy on the target, then the VM disk sits on it.
        const source = await readableTemplateCopy(templateDisk.id, target.id, ACTION);
        const copyOp = collapseCopyOp({
          label: `Copy template disk ${templateDisk.alias} to ${target.name}`,
          source: { ...source, weightBytes: source.actualSize },
          target,
          disk: { id: templateDisk.id, alias: templateDisk.alias, provisionedSize: disk.provisionedSize, format: source.format, allocation: "thin" },
          track: true,
        });
        ops.push(copyOp);
        base = { id: copyOp.record!.id, path: copyOp.path, format: source.format };
        plan.locked.disks[templateDisk.id] = templateDisk.status;
      }
      ops.push(overlayDiskOp(target, disk, base));
      newDisks.push({ ...disk, format: "qcow2" as const, allocation: "thin", attachment: p.attachment });
    }
    plan.ops.push(...ops);
    plan.created.disks.push(disk.id);
  }

  const job = await createJob({
    type: "add_vm_from_template",
    description: `Adding VM ${data.name} from template ${template.name}`,
    actor,
    correlationId: data.correlationId,
    plan,
    objectType: "vm",
    objectId: vmId,
    createRows: async (tx, jobId) => {
      await tx.vm.create({
        data: {
          id: vmId,
          name: data.name,
          description: data.description,
          cpus: data.cpus ?? template.cpus,
          memoryMb: data.memoryMb ?? template.memoryMb,
          clusterId,
          templateId: template.id,
          status: "image_locked",
          lockJobId: jobId,
        },
      });
      for (const { attachment, ...disk } of newDisks) {
        await createLockedDisk(tx, jobId, disk, { vmId, interface: attachment.interface, bootable: attachment.bootable });
      }
    },
  });
  return { vmId, diskIds: newDisks.map((d) => d.id), job };
}
