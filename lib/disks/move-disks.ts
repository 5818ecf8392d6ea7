import "server-only";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { moveDisksSchema, type MoveDisksInput } from "@/lib/schemas/disk";
import { checkPlacements, copyBytes } from "@/lib/storage-domains/placement";
import { requireDiskUsable, requireVmDown } from "@/lib/entities/require-state";
import { createJob } from "@/lib/jobs/create-job";
import { newPlan } from "@/lib/operations";
import { loadDiskChains } from "./chain";
import { copyVolumeFor, templateCopyOn } from "./template-copies";
import { copyChainOps, liveMoveOps } from "./volume-ops";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env";
import { MiB } from "@/lib/schemas/common";
import type { LiveMoveDisk } from "@/lib/vms/runtime/runtime-steps";
import { hasQemuProcess, statusText } from "@/lib/vms/runtime/vm-status";
import { diskScopes, requireDiskCreation, requirePermission } from "@/lib/auth/authorize";

type AttachedVm = { id: string; name: string; status: string; lockJobId: string | null; runtimePid: number | null; qmpSocket: string | null };

/** Statuses in which a VM's disks move live (QEMU mirrors them); down VMs' disks move cold. */
const LIVE_MOVE_FROM = ["up", "paused"];

/**
 * Moves one or several disks, each to its own domain: copy every volume, verify, commit, and only
 * then remove the source. A failure anywhere removes the copies and keeps the sources. A disk a
 * running VM uses moves live: the volumes below its active one are copied as for a cold move,
 * and QEMU mirrors the active one while the guest runs (lib/vms/runtime/live-move.ts); all
 * disks of one VM switch at one instant.
 */
export async function moveDisks(input: MoveDisksInput, actor: Actor) {
  const data = parseInput(moveDisksSchema, input);
  const disks = await db.disk.findMany({
    where: { id: { in: data.moves.map((m) => m.diskId) } },
    include: { attachments: { include: { vm: true, template: true } } },
  });
  const missing = data.moves.filter((m) => !disks.some((d) => d.id === m.diskId));
  if (missing.length) throw new AppError("NOT_FOUND", `Cannot move Virtual Disk. Disk ${missing.map((m) => m.diskId).join(", ")} doesn't exist.`);

  const vms = new Map<string, AttachedVm>();
  /** Disks QEMU has open, by VM: they move live. */
  const liveDisks = new Map<string, string[]>();
  for (const disk of disks) {
    requirePermission(actor, "edit_disk", await diskScopes(disk.id), `move disk ${disk.alias}`);
    requireDiskUsable(disk, "move Virtual Disk");
    if (disk.attachments.some((a) => a.templateId)) {
      throw new AppError("CONFLICT", `Cannot move Virtual Disk. Disk ${disk.alias} belongs to a template; copy it to another domain instead.`);
    }
    if (disk.contentType === "memory_dump") {
      throw new AppError("CONFLICT", `Cannot move Virtual Disk. Disk ${disk.alias} holds the saved memory of a hibernated VM; it goes away when that VM is resumed or powered off.`);
    }
    for (const { vm, active } of disk.attachments) {
      if (!vm) continue;
      if (vm.lockJobId) throw new AppError("CONFLICT", `Cannot move Virtual Disk. VM ${vm.name} is locked by another operation.`);
      if (hasQemuProcess(vm.status)) {
        if (!LIVE_MOVE_FROM.includes(vm.status)) {
          throw new AppError("VM_NOT_DOWN", `Cannot move Virtual Disk. VM ${vm.name} is ${statusText(vm.status)}; disks of a running VM move while it is up or paused.`);
        }
        if (disk.shareable) throw new AppError("CONFLICT", `Cannot move Virtual Disk. Disk ${disk.alias} is shareable; a shareable disk moves only while every VM using it is down.`);
        vms.set(vm.id, vm);
        if (active) liveDisks.set(vm.id, [...(liveDisks.get(vm.id) ?? []), disk.id]);
        continue;
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
  const plan = newPlan();
  const mirrored = new Map<string, LiveMoveDisk[]>();
  for (const move of data.moves) {
    const disk = disks.find((d) => d.id === move.diskId)!;
    const chain = chains.get(move.diskId)!;
    const target = domains.get(move.storageDomainId)!;
    // A thin disk stays thin: it needs the template's copy on the target domain.
    const base = chain.templateBase ? await templateCopyOn(chain.templateBase.diskId, target, `move disk ${disk.alias}`) : null;
    const ops = copyChainOps(chain, target, { ...disk, provisionedSize: Number(disk.provisionedSize) }, base && copyVolumeFor(base));
    const liveVm = [...liveDisks].find(([, ids]) => ids.includes(disk.id))?.[0];
    if (liveVm) {
      const { ops: prepared, mirror } = liveMoveOps(ops, chain, disk.alias);
      ops.splice(0, ops.length, ...prepared);
      mirrored.set(liveVm, [...(mirrored.get(liveVm) ?? []), mirror]);
    }
    plan.ops.push(...ops);
    plan.commit.deleteVolumes.push(...chain.volumes.map((v) => v.id));
    plan.removeAfterCommit.push(...chain.volumes.map((v) => v.path));
    plan.locked.disks[disk.id] = disk.status;
  }
  // Every storage step comes first: a failure there never touches a running guest.
  for (const [vmId, mirrorDisks] of mirrored) {
    const vm = vms.get(vmId)!;
    plan.ops.push({
      kind: "live-move",
      label: `Mirror disk${mirrorDisks.length > 1 ? "s" : ""} ${mirrorDisks.map((d) => d.alias).join(", ")} of running VM ${vm.name} and switch to the target${mirrorDisks.length > 1 ? "s" : ""}`,
      id: randomUUID(),
      vm: { id: vm.id, name: vm.name, runtimePid: vm.runtimePid, qmpSocket: vm.qmpSocket },
      pauseGuest: vm.status === "up",
      speed: env.LIVE_MIRROR_MAX_MIBPS * MiB,
      disks: mirrorDisks,
    });
  }
  // The VMs are held shared, as the engine does: moves of other disks of the same VM run too.
  for (const vm of vms.values()) plan.shared!.vms[vm.id] = vm.status;

  const names = disks.map((d) => d.alias).join(", ");
  const job = await createJob({
    type: "move_disks",
    description: `${mirrored.size ? "Live moving" : "Moving"} disk${disks.length > 1 ? "s" : ""} ${names}`,
    actor,
    correlationId: data.correlationId,
    plan,
    objectType: "disk",
    objectId: disks[0].id,
  });
  return { job };
}
