import "server-only";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/schemas/parse";
import { snapshotRefSchema, type SnapshotRefInput } from "@/lib/schemas/snapshot";
import { overlayDiskOp } from "@/lib/disks/volume-ops";
import { createJob } from "@/lib/jobs/create-job";
import { snapshotContext } from "./snapshot-context";

const ACTION = "restore Snapshot";

/**
 * Returns the VM's disks to a snapshot: a fresh overlay on each volume the snapshot froze;
 * the newer volumes and the newer snapshots are removed once that is committed.
 */
export async function restoreSnapshot(input: SnapshotRefInput, actor: Actor) {
  const data = parseInput(snapshotRefSchema, input);
  const { vm, snapshot, disks, chains, plan } = await snapshotContext(actor, data.vmId, ACTION, data.snapshotId);
  for (const disk of disks) {
    const chain = chains.get(disk.id)!;
    const index = chain.volumes.findIndex((v) => v.snapshotId === snapshot!.id);
    if (index < 0) continue;
    const frozen = chain.volumes[index];
    plan.ops.push(overlayDiskOp(chain.storageDomain, { id: disk.id, alias: disk.alias, provisionedSize: Number(disk.provisionedSize) }, frozen));
    const newer = chain.volumes.slice(index + 1);
    plan.commit.deleteVolumes.push(...newer.map((v) => v.id));
    plan.removeAfterCommit.push(...newer.map((v) => v.path));
  }
  const newerSnapshots = await db.snapshot.findMany({ where: { vmId: vm.id, createdAt: { gt: snapshot!.createdAt } } });
  plan.commit.deleteSnapshots.push(...newerSnapshots.map((s) => s.id));
  const job = await createJob({
    type: "restore_snapshot",
    description: `Restoring VM ${vm.name} to snapshot '${snapshot!.description}'`,
    actor,
    correlationId: data.correlationId,
    plan,
    objectType: "vm",
    objectId: vm.id,
  });
  return { job };
}
