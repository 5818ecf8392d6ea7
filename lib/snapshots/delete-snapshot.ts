import "server-only";
import type { Actor } from "@/lib/actor";
import { parseInput } from "@/lib/schemas/parse";
import { snapshotRefSchema, type SnapshotRefInput } from "@/lib/schemas/snapshot";
import { createJob } from "@/lib/jobs/create-job";
import { snapshotContext } from "./snapshot-context";

const ACTION = "remove Snapshot";

/**
 * Deletes a snapshot: the volume it froze is folded into its child by a safe rebase (the
 * child takes the data it read through that volume), then removed. The snapshot's own volume
 * is never written, so an interrupted delete leaves the snapshot whole.
 */
export async function deleteSnapshot(input: SnapshotRefInput, actor: Actor) {
  const data = parseInput(snapshotRefSchema, input);
  const { vm, snapshot, disks, chains, plan } = await snapshotContext(actor, data.vmId, ACTION, data.snapshotId);
  for (const disk of disks) {
    const chain = chains.get(disk.id)!;
    const index = chain.volumes.findIndex((v) => v.snapshotId === snapshot!.id);
    if (index < 0) continue; // disk added after the snapshot
    const frozen = chain.volumes[index];
    const child = chain.volumes[index + 1];
    const below = index > 0 ? chain.volumes[index - 1] : chain.templateBase;
    plan.ops.push({
      kind: "rebase",
      label: `Merge snapshot data of disk ${disk.alias}`,
      path: child.path,
      backing: below ? { path: below.path, format: below.format } : null,
      undoBacking: { path: frozen.path, format: frozen.format },
      copyData: true,
      weightBytes: frozen.actualSize,
    });
    plan.commit.deleteVolumes.push(frozen.id);
    plan.commit.updateVolumes.push({ id: child.id, parentId: frozen.parentId });
    plan.commit.refreshVolumes.push({ id: child.id, path: child.path });
    plan.removeAfterCommit.push(frozen.path);
  }
  plan.commit.deleteSnapshots.push(snapshot!.id);
  const job = await createJob({
    type: "remove_snapshot",
    description: `Removing snapshot '${snapshot!.description}' of VM ${vm.name}`,
    actor,
    correlationId: data.correlationId,
    plan,
    objectType: "vm",
    objectId: vm.id,
  });
  return { job };
}
