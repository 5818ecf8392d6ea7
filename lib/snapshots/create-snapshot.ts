import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { parseInput } from "@/lib/schemas/parse";
import { createSnapshotSchema, type CreateSnapshotInput } from "@/lib/schemas/snapshot";
import { MiB } from "@/lib/schemas/common";
import { checkPlacements } from "@/lib/storage-domains/placement";
import { overlayDiskOp } from "@/lib/disks/volume-ops";
import { createJob } from "@/lib/jobs/create-job";
import type { JobOp } from "@/lib/operations";
import type { LiveSnapshotDisk } from "@/lib/runtime/live-snapshot";
import { diskDeviceId, volumeNodeName } from "@/lib/runtime/qemu-command";
import { snapshotContext } from "./snapshot-context";

const ACTION = "create Snapshot";

/**
 * Freezes every disk's active volume under a new overlay on that disk's own domain. On a running
 * VM the snapshot is live and disk-only: once the overlays exist, QEMU switches all its disks to
 * them at one instant with the guest paused (consistent across disks), then the guest continues.
 */
export async function createSnapshot(input: CreateSnapshotInput, actor: Actor) {
  const data = parseInput(createSnapshotSchema, input);
  const { vm, attachments, disks, chains, plan } = await snapshotContext(actor, data.vmId, ACTION, undefined, { allowRunning: true });
  const live = vm.status === "up";
  const domains = await checkPlacements(
    ACTION,
    disks.map((d, i) => ({ storageDomainId: chains.get(d.id)!.storageDomain.id, bytes: MiB, what: `disk ${d.alias}`, field: `disks.${i}` })),
  );
  const snapshotId = randomUUID();
  plan.created.snapshots.push(snapshotId);
  const switches: LiveSnapshotDisk[] = [];
  for (const disk of disks) {
    const chain = chains.get(disk.id)!;
    const leaf = chain.volumes.at(-1)!;
    const overlay = overlayDiskOp(domains.get(chain.storageDomain.id)!, { id: disk.id, alias: disk.alias, provisionedSize: Number(disk.provisionedSize) }, leaf);
    plan.ops.push(overlay);
    plan.commit.updateVolumes.push({ id: leaf.id, leaf: false, snapshotId });
    // Only the disks QEMU has open switch; an inactive disk just gets its overlay.
    if (live && attachments.some((a) => a.diskId === disk.id && a.active) && overlay.kind === "create" && overlay.record) {
      switches.push({ deviceId: diskDeviceId(disk.id), topNode: volumeNodeName(leaf.id), overlayNode: volumeNodeName(overlay.record.id), overlayFileNode: volumeNodeName(overlay.record.id, "file"), overlayPath: overlay.path });
    }
  }
  if (switches.length) {
    const ref = { id: vm.id, name: vm.name, runtimePid: vm.runtimePid, qmpSocket: vm.qmpSocket };
    const switchOp: JobOp = { kind: "live-snapshot", label: `Switch the disks of running VM ${vm.name} to the new volumes`, vm: ref, disks: switches };
    plan.ops.push(switchOp);
  }
  const job = await createJob({
    type: "create_snapshot",
    description: `Creating ${live ? "live " : ""}snapshot '${data.description}' of VM ${vm.name}`,
    actor,
    correlationId: data.correlationId,
    plan,
    objectType: "vm",
    objectId: vm.id,
    createRows: async (tx) => {
      await tx.snapshot.create({ data: { id: snapshotId, vmId: vm.id, description: data.description, status: "locked" } });
    },
  });
  return { snapshotId, job };
}
