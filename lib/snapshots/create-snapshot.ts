import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { parseInput } from "@/lib/schemas/parse";
import { createSnapshotSchema, type CreateSnapshotInput } from "@/lib/schemas/snapshot";
import { MiB } from "@/lib/schemas/common";
import { checkPlacements } from "@/lib/storage-domains/placement";
import { overlayDiskOp } from "@/lib/disks/volume-ops";
import { createJob } from "@/lib/jobs/create-job";
import { snapshotContext } from "./snapshot-context";

const ACTION = "create Snapshot";

/** Freezes every disk's active volume under a new overlay on that disk's own domain. */
export async function createSnapshot(input: CreateSnapshotInput, actor: Actor) {
  const data = parseInput(createSnapshotSchema, input);
  const { vm, disks, chains, plan } = await snapshotContext(actor, data.vmId, ACTION);
  const domains = await checkPlacements(
    ACTION,
    disks.map((d, i) => ({ storageDomainId: chains.get(d.id)!.storageDomain.id, bytes: MiB, what: `disk ${d.alias}`, field: `disks.${i}` })),
  );
  const snapshotId = randomUUID();
  plan.created.snapshots.push(snapshotId);
  for (const disk of disks) {
    const chain = chains.get(disk.id)!;
    const leaf = chain.volumes.at(-1)!;
    plan.ops.push(overlayDiskOp(domains.get(chain.storageDomain.id)!, { id: disk.id, alias: disk.alias, provisionedSize: Number(disk.provisionedSize) }, leaf));
    plan.commit.updateVolumes.push({ id: leaf.id, leaf: false, snapshotId });
  }
  const job = await createJob({
    type: "create_snapshot",
    description: `Creating snapshot '${data.description}' of VM ${vm.name}`,
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
