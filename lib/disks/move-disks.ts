import "server-only";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { moveDisksSchema, type MoveDisksInput } from "@/lib/schemas/disk";
import { checkPlacements, copyBytes } from "@/lib/storage-domains/placement";
import { requireDiskUsable, requireVmDown } from "@/lib/entities/require-state";
import { createJob } from "@/lib/jobs/create-job";
import { hasQemuProcess } from "@/lib/vms/runtime/vm-status";
import { emptyPlan } from "@/lib/jobs/plan";
import { loadDiskChains } from "./chain";
import { copyVolumeFor, templateCopyOn } from "./template-copies";
import { copyChainOps } from "./volume-ops";
import { diskScopes, requireDiskCreation, requirePermission } from "@/lib/auth/authorize";

/**
 * Cold move of one or several disks, each to its own domain: copy every volume, verify, commit,
 * and only then remove the source. A failure anywhere removes the copies and keeps the sources.
 */
export async function moveDisks(input: MoveDisksInput, actor: Actor) {
  const data = parseInput(moveDisksSchema, input);
  const disks = await db.disk.findMany({
    where: { id: { in: data.moves.map((m) => m.diskId) } },
    include: { attachments: { include: { vm: true, template: true } } },
  });
  const missing = data.moves.filter((m) => !disks.some((d) => d.id === m.diskId));
  if (missing.length) throw new AppError("NOT_FOUND", `Cannot move Virtual Disk. Disk ${missing.map((m) => m.diskId).join(", ")} doesn't exist.`);

  const vms = new Map<string, { id: string; name: string; status: string; lockJobId: string | null }>();
  for (const disk of disks) {
    requirePermission(actor, "edit_disk", await diskScopes(disk.id), `move disk ${disk.alias}`);
    requireDiskUsable(disk, "move Virtual Disk");
    if (disk.attachments.some((a) => a.templateId)) {
      throw new AppError("CONFLICT", `Cannot move Virtual Disk. Disk ${disk.alias} belongs to a template; copy it to another domain instead.`);
    }
    if (disk.contentType === "memory_dump") {
      throw new AppError("CONFLICT", `Cannot move Virtual Disk. Disk ${disk.alias} holds the saved memory of a hibernated VM; it goes away when that VM is resumed or powered off.`);
    }
    for (const { vm } of disk.attachments) {
      if (!vm) continue;
      if (hasQemuProcess(vm.status)) {
        throw new AppError("VM_NOT_DOWN", `Cannot move Virtual Disk. Disk ${disk.alias} is used by running VM ${vm.name}; live storage migration is not supported yet. Shut the VM down first.`);
      }
      if (vm.status === "suspended") {
        throw new AppError("VM_NOT_DOWN", `Cannot move Virtual Disk. Disk ${disk.alias} is used by suspended VM ${vm.name}, whose saved memory state expects the disk where it is. Resume and shut down the VM, or power it off (discarding the saved state), first.`);
      }
      requireVmDown(vm, "move Virtual Disk");
      vms.set(vm.id, vm);
    }
  }

  const chains = await loadDiskChains(data.moves.map((m) => m.diskId));
  const sameDomain = data.moves.filter((m) => chains.get(m.diskId)!.storageDomain.id === m.storageDomainId);
  if (sameDomain.length) {
    const aliases = sameDomain.map((m) => disks.find((d) => d.id === m.diskId)!.alias);
    throw new AppError("VALIDATION", `Cannot move Virtual Disk. Disk ${aliases.join(", ")} is already on the chosen storage domain.`);
  }

  const domains = await checkPlacements(
    "move Virtual Disk",
    data.moves.map((move, i) => {
      const chain = chains.get(move.diskId)!;
      const alias = disks.find((d) => d.id === move.diskId)!.alias;
      return { storageDomainId: move.storageDomainId, bytes: copyBytes(chain.volumes.reduce((s, v) => s + v.actualSize, 0)), what: `disk ${alias}`, field: `moves.${i}.storageDomainId` };
    }),
  );

  await requireDiskCreation(actor, [...domains.values()]);
  const plan = emptyPlan();
  for (const move of data.moves) {
    const disk = disks.find((d) => d.id === move.diskId)!;
    const chain = chains.get(move.diskId)!;
    const target = domains.get(move.storageDomainId)!;
    // A thin disk stays thin: it needs the template's copy on the target domain.
    const base = chain.templateBase ? await templateCopyOn(chain.templateBase.diskId, target, `move disk ${disk.alias}`) : null;
    plan.ops.push(...copyChainOps(chain, target, { ...disk, provisionedSize: Number(disk.provisionedSize) }, base && copyVolumeFor(base)));
    plan.commit.deleteVolumes.push(...chain.volumes.map((v) => v.id));
    plan.removeAfterCommit.push(...chain.volumes.map((v) => v.path));
    plan.locked.disks[disk.id] = disk.status;
  }
  // The VMs are held shared, as the engine does: moves of other disks of the same VM run too.
  for (const vm of vms.values()) plan.shared!.vms[vm.id] = vm.status;

  const names = disks.map((d) => d.alias).join(", ");
  const job = await createJob({
    type: "move_disks",
    description: `Moving disk${disks.length > 1 ? "s" : ""} ${names}`,
    actor,
    correlationId: data.correlationId,
    plan,
    objectType: "disk",
    objectId: disks[0].id,
  });
  return { job };
}
