import "server-only";
import { z } from "zod";
import { bytesWeight, defineAfterCommit, defineOperation, volumeMetaInputSchema, volumeRecordSchema, type Operation } from "@/lib/jobs/operation";
import { MiB } from "@/lib/storage-domains/space-estimates";
import { executeRuntimeOp, stopAfterHibernate, undoRuntimeOp } from "./runtime-ops";
import { liveMergeTookEffect } from "./live-merge-op";
import { liveCommitTookEffect } from "./live-commit-op";

// The job steps on a VM's QEMU process, beside the runtime that does them. They follow the
// storage steps' rule: each is idempotent and undone by its own inverse, so a failed or
// interrupted job is still undone by running the inverses newest first (a paused VM continues, a
// saved memory file is removed, a QEMU started from one is stopped, a disk switched to an overlay
// is merged back). They run on the host of their VM's QEMU, in plan order with every other step.

const imageFormat = z.enum(["qcow2", "raw"]);

/** A VM as the runtime addresses its process; the pid and socket guard against a newer process. */
const vmProcessRefSchema = z.object({ id: z.string(), name: z.string(), runtimePid: z.number().nullable(), qmpSocket: z.string().nullable() });

const launchDiskSchema = z.object({
  diskId: z.string(),
  alias: z.string(),
  interface: z.enum(["virtio", "virtio_scsi", "sata"]),
  bootable: z.boolean(),
  leafVolumeId: z.string(),
  path: z.string(),
  format: imageFormat,
});
const launchSpecSchema = z.object({ vmId: z.string(), name: z.string(), cpus: z.number(), memoryMb: z.number(), disks: z.array(launchDiskSchema) });
const pluggedDiskSchema = launchDiskSchema.pick({ diskId: true, interface: true, leafVolumeId: true, path: true, format: true });
const liveSnapshotDiskSchema = z.object({ deviceId: z.string(), topNode: z.string(), overlayNode: z.string(), overlayFileNode: z.string(), overlayPath: z.string() });
const mirrorTargetSchema = z.object({ node: z.string(), fileNode: z.string(), path: z.string(), format: imageFormat });
const mergeDiskSchema = z.object({
  deviceId: z.string(),
  alias: z.string(),
  childPath: z.string(),
  frozenPath: z.string(),
  belowPath: z.string().nullable(),
  belowFormat: imageFormat.nullable(),
  backingRef: z.string().nullable(),
});
const commitDiskSchema = z.object({
  deviceId: z.string(),
  alias: z.string(),
  topPath: z.string(),
  basePath: z.string(),
  abovePath: z.string().nullable(),
  backingRef: z.string().nullable(),
});
/** One disk of a live storage migration: its active volume, now and on the target domain. */
const liveMoveDiskSchema = z.object({
  deviceId: z.string(),
  alias: z.string(),
  /** The active volume where it is (how QEMU opens it again should the move be undone). */
  source: mirrorTargetSchema,
  /** The active volume made on the target domain by an earlier step of the job. */
  target: mirrorTargetSchema,
  weightBytes: z.number(),
});

const step = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) => z.object({ kind: z.literal(kind), label: z.string(), ...shape });

const pauseSchema = step("pause-vm", { vm: vmProcessRefSchema });
const saveMemorySchema = step("save-memory", { vm: vmProcessRefSchema, path: z.string(), meta: volumeMetaInputSchema, record: volumeRecordSchema, weightBytes: z.number() });
const restoreMemorySchema = step("restore-memory", { launch: launchSpecSchema, memoryPath: z.string(), weightBytes: z.number() });
const liveSnapshotSchema = step("live-snapshot", { vm: vmProcessRefSchema, disks: z.array(liveSnapshotDiskSchema) });
const hotPlugSchema = step("hot-plug", { vm: vmProcessRefSchema, disk: pluggedDiskSchema });
const hotUnplugSchema = step("hot-unplug", { vm: vmProcessRefSchema, disk: pluggedDiskSchema });
/** The one step that cannot be undone once QEMU completes it: the job then rolls forward. */
const liveMergeSchema = step("live-merge", { vm: vmProcessRefSchema, disks: z.array(mergeDiskSchema), speed: z.number(), weightBytes: z.number() });
/** Merges the volume above a raw base down into it: irreversible from its start (the base is written). */
const liveCommitSchema = step("live-commit", {
  vm: vmProcessRefSchema,
  /** The guest ran when the job was planned: it is paused only around the pivot. */
  guestRan: z.boolean(),
  disks: z.array(commitDiskSchema),
  speed: z.number(),
  weightBytes: z.number(),
});
/** Mirrors the active volumes of a running VM's disks to their targets and switches them at once. */
const liveMoveSchema = step("live-move", {
  /** Names the switch marker (see live-move.ts). */
  id: z.string(),
  vm: vmProcessRefSchema,
  /** The guest ran when the job was planned: it is paused only around the switch. */
  pauseGuest: z.boolean(),
  /** Bytes per second per disk; 0 for no limit. */
  speed: z.number(),
  disks: z.array(liveMoveDiskSchema),
});

export type LiveMoveDisk = z.infer<typeof liveMoveDiskSchema>;
export type LiveMoveOp = z.infer<typeof liveMoveSchema>;
export type LiveMergeOp = z.infer<typeof liveMergeSchema>;
export type LiveCommitOp = z.infer<typeof liveCommitSchema>;
export type RestoreMemoryOp = z.infer<typeof restoreMemorySchema>;
type PauseOp = z.infer<typeof pauseSchema>;
type SaveMemoryOp = z.infer<typeof saveMemorySchema>;
type LiveSnapshotOp = z.infer<typeof liveSnapshotSchema>;
type HotPlugOp = z.infer<typeof hotPlugSchema>;
type HotUnplugOp = z.infer<typeof hotUnplugSchema>;
export type RuntimeOp = PauseOp | SaveMemoryOp | RestoreMemoryOp | LiveSnapshotOp | HotPlugOp | HotUnplugOp | LiveMergeOp | LiveCommitOp | LiveMoveOp;

const stopVmSchema = z.object({ kind: z.literal("stop-vm"), vm: vmProcessRefSchema });
/** Runtime work that follows a commit and cannot be undone: a hibernated VM's QEMU is stopped. */
export type AfterCommitAction = z.infer<typeof stopVmSchema>;

/** Shared by every runtime step: it runs, and is undone, by runtime-ops.ts. */
function runtimeStep<T extends RuntimeOp>(kind: T["kind"], schema: z.ZodType<T>, declared: Partial<Operation<T>> = {}) {
  return defineOperation<T>({
    kind,
    schema,
    execute: (op, onProgress, signal) => executeRuntimeOp(op, onProgress, signal),
    undo: (op) => undoRuntimeOp(op),
    weight: () => MiB,
    actsOnVm: (op) => ("vm" in op ? op.vm : "new"),
    keepsOrder: true,
    ...declared,
  });
}


export const runtimeSteps = [
  runtimeStep<PauseOp>("pause-vm", pauseSchema),
  runtimeStep<SaveMemoryOp>("save-memory", saveMemorySchema, {
    weight: bytesWeight,
    writes: (op) => [op.path],
    makes: (op) => [op.path],
    writesImage: (op) => op.path,
    madeVolume: (op) => ({ record: op.record, path: op.path, capacity: op.meta.sizeBytes }),
    needsSpace: (op) => ({ storageDomainId: op.meta.domainId, path: op.path, bytes: op.weightBytes, provisionedBytes: 0 }),
  }),
  // A saved memory state is a stream, not an image qemu-img can check: read, never checked.
  runtimeStep<RestoreMemoryOp>("restore-memory", restoreMemorySchema, { weight: bytesWeight, alsoReads: (op) => [op.memoryPath] }),
  runtimeStep<LiveSnapshotOp>("live-snapshot", liveSnapshotSchema, { writes: (op) => op.disks.map((d) => d.overlayPath) }),
  runtimeStep<HotPlugOp>("hot-plug", hotPlugSchema, { reads: (op) => [{ path: op.disk.path, format: op.disk.format }] }),
  runtimeStep<HotUnplugOp>("hot-unplug", hotUnplugSchema, { reads: (op) => [{ path: op.disk.path, format: op.disk.format }] }),
  runtimeStep<LiveMergeOp>("live-merge", liveMergeSchema, { weight: bytesWeight, writes: (op) => op.disks.map((d) => d.childPath), tookEffect: liveMergeTookEffect }),
  runtimeStep<LiveCommitOp>("live-commit", liveCommitSchema, {
    weight: bytesWeight,
    writes: (op) => op.disks.flatMap((d) => [d.basePath, ...(d.abovePath ? [d.abovePath] : [])]),
    tookEffect: liveCommitTookEffect,
  }),
  runtimeStep<LiveMoveOp>("live-move", liveMoveSchema, {
    weight: (op) => Math.max(op.disks.reduce((sum, disk) => sum + disk.weightBytes, 0), MiB),
    reads: (op) => op.disks.map((disk) => ({ path: disk.source.path, format: disk.source.format })),
    writes: (op) => op.disks.map((d) => d.target.path),
  }),
];

export const runtimeAfterCommit = [defineAfterCommit<AfterCommitAction>({ kind: "stop-vm", schema: stopVmSchema, run: stopAfterHibernate })];
