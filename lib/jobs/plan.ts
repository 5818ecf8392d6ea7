import type { Backing, ImageFormat } from "@/lib/storage/driver";
import type { LaunchSpec } from "@/lib/runtime/qemu-command";
import type { LiveSnapshotDisk } from "@/lib/runtime/live-snapshot";
import type { MirrorTarget } from "@/lib/runtime/live-mirror";
import type { PluggedDisk } from "@/lib/runtime/hotplug";
import type { MergeDisk } from "@/lib/runtime/live-merge";
import type { VmProcessRef } from "@/lib/vms/runtime/vm-status";

// A job's plan is the whole operation, written before any file is touched: the storage steps,
// the database changes to make when they all succeed, and what to remove afterwards. Storage
// steps only add files (or copy data into an overlay without changing what it reads), so undoing an
// unfinished job is always: remove what the steps made, drop the rows made for the job, and
// give back the locks. That makes rollback and crash recovery one generic routine. Steps on a
// running VM's QEMU (RuntimeOp below) keep that shape: each has an inverse run the same way.

/** The row to insert for a volume a step makes (inserted only at commit). */
export interface VolumeRecord {
  id: string;
  diskId: string;
  storageDomainId: string;
  parentId: string | null;
  format: ImageFormat;
  leaf: boolean;
  snapshotId: string | null;
}

export interface VolumeMetaInput {
  diskId: string;
  volumeId: string;
  domainId: string;
  parent: string | null;
  sizeBytes: number;
}

export type StorageOp =
  | {
      kind: "create";
      label: string;
      path: string;
      format: ImageFormat;
      preallocated: boolean;
      backing?: Backing;
      meta: VolumeMetaInput;
      record?: VolumeRecord;
    }
  | {
      kind: "copy";
      label: string;
      source: { path: string; format: ImageFormat };
      path: string;
      format: ImageFormat;
      preallocated: boolean;
      backing?: Backing;
      meta: VolumeMetaInput;
      /** Bytes the copy reads, to weigh its share of the job's progress. */
      weightBytes: number;
      record?: VolumeRecord;
    }
  | {
      kind: "rebase";
      label: string;
      path: string;
      /** null makes the volume standalone. */
      backing: Backing | null;
      undoBacking: Backing;
      /** Copy the data the old parent held into the volume (a safe rebase); otherwise only relink. */
      copyData: boolean;
      weightBytes: number;
    }
  | { kind: "write-file"; label: string; path: string; content: string };

export type CopyOp = Extract<StorageOp, { kind: "copy" }>;

/**
 * Steps on a VM's QEMU process (run by lib/vms/runtime/runtime-ops.ts). They follow the storage
 * steps' rule: each is idempotent and undone by its own inverse, so a failed or interrupted job is
 * still undone by running the inverses newest first (a paused VM continues, a saved memory file is
 * removed, a QEMU started from one is stopped, a disk switched to an overlay is merged back).
 */
export type RuntimeOp =
  | { kind: "pause-vm"; label: string; vm: VmProcessRef }
  | {
      kind: "save-memory";
      label: string;
      vm: VmProcessRef;
      path: string;
      meta: VolumeMetaInput;
      record: VolumeRecord;
      weightBytes: number;
    }
  | { kind: "restore-memory"; label: string; launch: LaunchSpec; memoryPath: string; weightBytes: number }
  | { kind: "live-snapshot"; label: string; vm: VmProcessRef; disks: LiveSnapshotDisk[] }
  | { kind: "hot-plug"; label: string; vm: VmProcessRef; disk: PluggedDisk }
  | { kind: "hot-unplug"; label: string; vm: VmProcessRef; disk: PluggedDisk }
  /** The one step that cannot be undone once QEMU completes it: the job then rolls forward. */
  | { kind: "live-merge"; label: string; vm: VmProcessRef; disks: MergeDisk[]; speed: number; weightBytes: number }
  | LiveMoveOp;

/** One disk of a live storage migration: its active volume, now and on the target domain. */
export interface LiveMoveDisk {
  deviceId: string;
  alias: string;
  /** The active volume where it is (how QEMU opens it again should the move be undone). */
  source: MirrorTarget;
  /** The active volume made on the target domain by an earlier step of the job. */
  target: MirrorTarget;
  weightBytes: number;
}

/** Mirrors the active volumes of a running VM's disks to their targets and switches them at once. */
export interface LiveMoveOp {
  kind: "live-move";
  label: string;
  /** Names the switch marker (see lib/vms/runtime/live-move.ts). */
  id: string;
  vm: VmProcessRef;
  /** The guest ran when the job was planned: it is paused only around the switch. */
  pauseGuest: boolean;
  /** Bytes per second per disk; 0 for no limit. */
  speed: number;
  disks: LiveMoveDisk[];
}

/**
 * The steps of an image transfer (lib/image-transfers): each prepares the file the imageio endpoint
 * serves, waits while the client sends or reads data, and on finalize makes the result. Undone by
 * removing every file it made (and, for an upload into a floating disk, the disk's old volume:
 * a failed upload leaves no disk, as the engine removes it).
 */
export type TransferOp =
  | {
      kind: "receive-image";
      label: string;
      transferId: string;
      /** The new active volume, made from the uploaded data at finalize. */
      path: string;
      /** Where the client's data lands meanwhile (next to `path`). */
      scratch: string;
      format: ImageFormat;
      preallocated: boolean;
      transferFormat: TransferFormat;
      meta: VolumeMetaInput;
      record: VolumeRecord;
      /** Files removed when the step is undone besides its own (a floating disk's old volume). */
      discard: string[];
      weightBytes: number;
    }
  | {
      kind: "send-image";
      label: string;
      transferId: string;
      /** The active volume; the whole chain is read when it has a backing. */
      source: { path: string; format: ImageFormat; chained: boolean };
      /** A converted copy served instead of the volume itself, when the transfer format needs one; "" for none. */
      scratch: string;
      domainId: string;
      transferFormat: TransferFormat;
      weightBytes: number;
    };

/** raw: the guest's data (converted from or to the disk's format); cow: the image file's own bytes. */
export type TransferFormat = "raw" | "cow";

/**
 * OVA steps (lib/ova): pack writes one .ova (the OVF and each disk collapsed to a qcow2, in one
 * tar) into a directory outside the storage domains; unpack makes a disk's volume from one member
 * of an .ova, checked as an upload is. Undone by removing what they wrote.
 */
export type OvaOp =
  | {
      kind: "pack-ova";
      label: string;
      /** The .ova file; it did not exist when the job was planned. */
      path: string;
      ovf: string;
      disks: { member: string; source: { path: string; format: ImageFormat } }[];
      weightBytes: number;
    }
  | {
      kind: "unpack-ova-disk";
      label: string;
      ova: string;
      member: string;
      path: string;
      format: ImageFormat;
      preallocated: boolean;
      meta: VolumeMetaInput;
      record: VolumeRecord;
      weightBytes: number;
    };

export type JobOp = StorageOp | RuntimeOp | TransferOp | OvaOp;

export function isRuntimeOp(op: JobOp): op is RuntimeOp {
  return ["pause-vm", "save-memory", "restore-memory", "live-snapshot", "live-move", "hot-plug", "hot-unplug", "live-merge"].includes(op.kind);
}

/** Runtime work that follows a commit and cannot be undone: a hibernated VM's QEMU is stopped. */
export type AfterCommitAction = { kind: "stop-vm"; vm: VmProcessRef };

/** The image file a step writes from scratch, if any. */
export function writtenFile(op: JobOp) {
  return op.kind === "create" || op.kind === "copy" || op.kind === "save-memory" || op.kind === "receive-image" || op.kind === "unpack-ova-disk" ? op.path : null;
}

/** The volume a step makes and the row to insert for it at commit (untracked files have none). */
export function madeVolume(op: JobOp) {
  if ((op.kind === "create" || op.kind === "copy" || op.kind === "save-memory" || op.kind === "receive-image" || op.kind === "unpack-ova-disk") && op.record) return { record: op.record, path: op.path, capacity: op.meta.sizeBytes };
  return null;
}

export interface PlanCommit {
  deleteVolumes: string[];
  updateVolumes: { id: string; leaf?: boolean; snapshotId?: string | null; parentId?: string | null }[];
  deleteVms: string[];
  deleteTemplates: string[];
  deleteDisks: string[];
  deleteSnapshots: string[];
  deleteAttachments: string[];
  /** Attachments that exist once the job commits (a disk plugged into a running VM). Read with `?? []`. */
  createAttachments?: { id: string; diskId: string; vmId: string; interface: string; bootable: boolean; active: boolean }[];
  /** Existing volumes whose files the steps changed (a rebased overlay): their size is read again. */
  refreshVolumes: { id: string; path: string }[];
  /** VM rows to change once their locks are given back (a hibernated VM becomes suspended). */
  updateVms: { id: string; status: string; memoryDiskId?: string | null }[];
}

export interface JobPlan {
  ops: JobOp[];
  /** Rows made when the job was created: shown locked meanwhile, deleted on rollback. */
  created: { vms: string[]; templates: string[]; disks: string[]; snapshots: string[] };
  /** Existing rows locked by the job, with the status to give back. */
  locked: { vms: Record<string, string>; templates: Record<string, string>; disks: Record<string, string> };
  /**
   * VMs the job holds shared, with the status each must keep (a disk job on a VM: other disk jobs
   * may hold it too, nothing may lock it). Read with `?? {}`: older plans lack it.
   */
  shared?: { vms: Record<string, string> };
  commit: PlanCommit;
  /** Files to remove once the commit is in the database (a moved disk's source, a deleted disk). */
  removeAfterCommit: string[];
  /** Runtime actions after the commit (read with `?? []`: plans written before they existed lack it). */
  afterCommit: AfterCommitAction[];
}

export function emptyPlan(): JobPlan {
  return {
    ops: [],
    created: { vms: [], templates: [], disks: [], snapshots: [] },
    locked: { vms: {}, templates: {}, disks: {} },
    shared: { vms: {} },
    commit: {
      deleteVolumes: [],
      updateVolumes: [],
      deleteVms: [],
      deleteTemplates: [],
      deleteDisks: [],
      deleteSnapshots: [],
      deleteAttachments: [],
      refreshVolumes: [],
      updateVms: [],
    },
    removeAfterCommit: [],
    afterCommit: [],
  };
}

export function opWeight(op: JobOp) {
  if (op.kind === "live-move") return Math.max(op.disks.reduce((sum, disk) => sum + disk.weightBytes, 0), 1 << 20);
  if (op.kind === "copy" || op.kind === "rebase" || op.kind === "save-memory" || op.kind === "restore-memory" || op.kind === "live-merge" || op.kind === "receive-image" || op.kind === "send-image" || op.kind === "pack-ova" || op.kind === "unpack-ova-disk") {
    return Math.max(op.weightBytes, 1 << 20);
  }
  return 1 << 20;
}

/** A plan as stored in a job's payload. */
export function parsePlan(payload: string): JobPlan {
  return JSON.parse(payload) as JobPlan;
}
