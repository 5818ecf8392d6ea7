import type { Backing, ImageFormat } from "@/lib/storage/driver";

// A job's plan is the whole operation, written before any file is touched: the storage steps,
// the database changes to make when they all succeed, and what to remove afterwards. Storage
// steps only add files (or copy data into an overlay without changing what it reads), so undoing an
// unfinished job is always: remove what the steps made, drop the rows made for the job, and
// give back the locks. That makes rollback and crash recovery one generic routine.

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

interface VolumeMetaInput {
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

export interface PlanCommit {
  deleteVolumes: string[];
  updateVolumes: { id: string; leaf?: boolean; snapshotId?: string | null; parentId?: string | null }[];
  deleteVms: string[];
  deleteTemplates: string[];
  deleteDisks: string[];
  deleteSnapshots: string[];
  deleteAttachments: string[];
  /** Existing volumes whose files the steps changed (a rebased overlay): their size is read again. */
  refreshVolumes: { id: string; path: string }[];
}

export interface JobPlan {
  ops: StorageOp[];
  /** Rows made when the job was created: shown locked meanwhile, deleted on rollback. */
  created: { vms: string[]; templates: string[]; disks: string[]; snapshots: string[] };
  /** Existing rows locked by the job, with the status to give back. */
  locked: { vms: Record<string, string>; templates: Record<string, string>; disks: Record<string, string> };
  commit: PlanCommit;
  /** Files to remove once the commit is in the database (a moved disk's source, a deleted disk). */
  removeAfterCommit: string[];
}

export function emptyPlan(): JobPlan {
  return {
    ops: [],
    created: { vms: [], templates: [], disks: [], snapshots: [] },
    locked: { vms: {}, templates: {}, disks: {} },
    commit: {
      deleteVolumes: [],
      updateVolumes: [],
      deleteVms: [],
      deleteTemplates: [],
      deleteDisks: [],
      deleteSnapshots: [],
      deleteAttachments: [],
      refreshVolumes: [],
    },
    removeAfterCommit: [],
  };
}

export function opWeight(op: StorageOp) {
  if (op.kind === "copy") return Math.max(op.weightBytes, 1 << 20);
  if (op.kind === "rebase") return Math.max(op.weightBytes, 1 << 20);
  return 1 << 20;
}
