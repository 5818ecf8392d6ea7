import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { addTemplateFromVmSchema, type AddTemplateFromVmInput } from "@/lib/schemas/template";
import { checkPlacements, copyBytes } from "@/lib/storage-domains/placement";
import { loadVm, requireFreeName } from "@/lib/entities/load";
import { requireDiskUsable, requireVmDown } from "@/lib/entities/require-state";
import { chainSource, loadDiskChains } from "@/lib/disks/chain";
import { collapseCopyOp } from "@/lib/disks/volume-ops";
import { createLockedTemplate } from "./template-rows";
import { createJob } from "@/lib/jobs/create-job";
import { newPlan } from "@/lib/operations";
import { clusterScopes, requireDiskCreation, requirePermission, vmScopes } from "@/lib/auth/authorize";

const ACTION = "add Template";

/** A template from a down VM: each VM disk is copied (collapsed) to the domain chosen for it. */
export async function addTemplateFromVm(input: AddTemplateFromVmInput, actor: Actor) {
  const data = parseInput(addTemplateFromVmSchema, input);
  const vm = await loadVm(data.vmId);
  requirePermission(actor, "create_template", await clusterScopes(vm.clusterId), "create templates");
  requirePermission(actor, "view", await vmScopes(vm.id), `read VM ${vm.name}`);
  requireVmDown(vm, ACTION);
  await requireFreeName("template", data.name);
  const unknown = data.disks.filter((d) => !vm.attachments.some((a) => a.diskId === d.diskId));
  if (unknown.length) throw new AppError("NOT_FOUND", `Cannot ${ACTION}. VM ${vm.name} has no disk ${unknown.map((d) => d.diskId).join(", ")}.`);
  const attachments = vm.attachments.filter((a) => a.disk.contentType === "data");
  for (const a of attachments) requireDiskUsable(a.disk, ACTION);

  const chains = await loadDiskChains(attachments.map((a) => a.diskId));
  const targets = attachments.map((a) => {
    const asked = data.disks.find((d) => d.diskId === a.diskId);
    const chain = chains.get(a.diskId)!;
    return { attachment: a, chain, storageDomainId: asked?.storageDomainId ?? data.defaultStorageDomainId ?? chain.storageDomain.id, alias: asked?.alias ?? a.disk.alias };
  });
  const domains = await checkPlacements(
    ACTION,
    targets.map((t, i) => ({ storageDomainId: t.storageDomainId, bytes: copyBytes(chainSource(t.chain).weightBytes), what: `disk ${t.alias}`, field: `disks.${i}.storageDomainId` })),
  );

  await requireDiskCreation(actor, [...domains.values()]);
  const templateId = randomUUID();
  const plan = newPlan();
  plan.created.templates.push(templateId);
  plan.locked.vms[vm.id] = vm.status;
  const newDisks = targets.map((t) => {
    const disk = {
      id: randomUUID(),
      alias: t.alias,
      provisionedSize: Number(t.attachment.disk.provisionedSize),
      format: "qcow2" as const,
      allocation: "thin",
    };
    const target = domains.get(t.storageDomainId)!;
    plan.ops.push(collapseCopyOp({ label: `Copy disk ${t.attachment.disk.alias} into template on ${target.name}`, source: chainSource(t.chain), target, disk, track: true }));
    plan.locked.disks[t.attachment.diskId] = t.attachment.disk.status;
    plan.created.disks.push(disk.id);
    return { disk, attachment: t.attachment };
  });

  const job = await createJob({
    type: "add_template",
    description: `Creating template ${data.name} from VM ${vm.name}`,
    actor,
    correlationId: data.correlationId,
    plan,
    objectType: "template",
    objectId: templateId,
    createRows: (tx, jobId) =>
      createLockedTemplate(tx, jobId, { id: templateId, name: data.name, description: data.description, cpus: vm.cpus, memoryMb: vm.memoryMb, clusterId: vm.clusterId }, newDisks),
  });
  return { templateId, diskIds: newDisks.map((d) => d.disk.id), job };
}
