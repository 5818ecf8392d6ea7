import "server-only";
import { z } from "zod";
import { bytesWeight, defineOperation, volumeMetaInputSchema, volumeRecordSchema, type StepOp } from "@/lib/jobs/operation";
import { copyBytes, MiB } from "@/lib/storage-domains/space-estimates";
import { domainOfFile } from "./domain-identity";
import { access } from "node:fs/promises";
import { copyVolume, createVolume, mergeIntoBase, mergeMarkerOf, rebaseVolume, removeFile, removeVolume, writeFileAtomic } from "./driver";

// The job steps on a storage domain's files, beside the driver that does them. Each only adds a
// file (or relinks an overlay without changing what it reads), so its undo removes what it made;
// and each can run again over a half-done run (the driver is idempotent), so a job of these
// steps resumes after a crash.

const imageFormat = z.enum(["qcow2", "raw"]);
export const fileRefSchema = z.object({ path: z.string(), format: imageFormat });

const createSchema = z.object({
  kind: z.literal("create"),
  label: z.string(),
  path: z.string(),
  format: imageFormat,
  preallocated: z.boolean(),
  backing: fileRefSchema.optional(),
  meta: volumeMetaInputSchema,
  record: volumeRecordSchema.optional(),
});

const copySchema = z.object({
  kind: z.literal("copy"),
  label: z.string(),
  source: fileRefSchema,
  path: z.string(),
  format: imageFormat,
  preallocated: z.boolean(),
  backing: fileRefSchema.optional(),
  meta: volumeMetaInputSchema,
  /** Bytes the copy reads, to weigh its share of the job's progress. */
  weightBytes: z.number(),
  record: volumeRecordSchema.optional(),
});

const rebaseSchema = z.object({
  kind: z.literal("rebase"),
  label: z.string(),
  path: z.string(),
  /** null makes the volume standalone. */
  backing: fileRefSchema.nullable(),
  undoBacking: fileRefSchema,
  /** Copy the data the old parent held into the volume (a safe rebase); otherwise only relink. */
  copyData: z.boolean(),
  weightBytes: z.number(),
});

const mergeDownSchema = z.object({
  kind: z.literal("merge-down"),
  label: z.string(),
  /** The overlay whose data goes down into its backing volume. */
  path: z.string(),
  /** The backing volume, which stays (the disk's raw base). */
  base: fileRefSchema,
  weightBytes: z.number(),
});

const writeFileSchema = z.object({ kind: z.literal("write-file"), label: z.string(), path: z.string(), content: z.string() });

export type CreateOp = z.infer<typeof createSchema>;
export type CopyOp = z.infer<typeof copySchema>;
export type RebaseOp = z.infer<typeof rebaseSchema>;
export type WriteFileOp = z.infer<typeof writeFileSchema>;
export type MergeDownOp = z.infer<typeof mergeDownSchema>;
export type StorageOp = CreateOp | CopyOp | RebaseOp | WriteFileOp | MergeDownOp;


/**
 * Failures a file system gets over by itself: a stale NFS handle after a server failover, a
 * timed-out or interrupted call, a file briefly busy. Not a full domain, a read-only one or an
 * I/O error (storage-io-error.ts), nor a domain that no longer verifies: those fail the job.
 */
function transient(error: Error & { code?: string }) {
  return /ESTALE|Stale file handle|EAGAIN|Resource temporarily unavailable|EBUSY|Device or resource busy|ETIMEDOUT|timed out|EINTR|Interrupted system call/.test(`${error.code ?? ""} ${error.message}`);
}
// A chain counts once per domain: only its leaf (or an untracked copy such as an export) commits size.
const leafSize = (op: CreateOp | CopyOp) => (op.record && !op.record.leaf ? 0 : op.meta.sizeBytes);
const madeVolume = (op: CreateOp | CopyOp) => (op.record ? { record: op.record, path: op.path, capacity: op.meta.sizeBytes } : null);

export const storageSteps = [
  defineOperation<CreateOp>({
    kind: "create",
    schema: createSchema,
    execute: (op) => createVolume(op),
    resumable: true,
    transient,
    undo: (op) => removeVolume(op.path),
    weight: () => MiB,
    reads: (op) => (op.backing ? [op.backing] : []),
    writes: (op) => [op.path],
    makes: (op) => [op.path],
    writesImage: (op) => op.path,
    madeVolume,
    needsSpace: (op) => ({ storageDomainId: op.meta.domainId, path: op.path, bytes: op.preallocated ? op.meta.sizeBytes : MiB, provisionedBytes: leafSize(op) }),
  }),
  defineOperation<CopyOp>({
    kind: "copy",
    schema: copySchema,
    execute: (op, onProgress, signal) => copyVolume(op.source, op, onProgress, signal),
    resumable: true,
    transient,
    undo: (op) => removeVolume(op.path),
    weight: bytesWeight,
    reads: (op) => [op.source, ...(op.backing ? [op.backing] : [])],
    writes: (op) => [op.path],
    makes: (op) => [op.path],
    writesImage: (op) => op.path,
    madeVolume,
    needsSpace: (op) => ({
      storageDomainId: op.meta.domainId,
      path: op.path,
      bytes: op.preallocated ? Math.max(op.meta.sizeBytes, copyBytes(op.weightBytes)) : copyBytes(op.weightBytes),
      provisionedBytes: leafSize(op),
    }),
    copyPair: (op) => ({ from: domainOfFile(op.source.path)?.id ?? op.source.path, to: op.meta.domainId }),
  }),
  defineOperation<RebaseOp>({
    kind: "rebase",
    schema: rebaseSchema,
    execute: (op) => rebaseVolume(op.path, op.backing, op.copyData),
    resumable: true,
    transient,
    // The data is the same through either parent; only the reference goes back. A failure is
    // the rollback's to report (its leftovers), not to hide.
    undo: (op) => rebaseVolume(op.path, op.undoBacking, false),
    weight: bytesWeight,
    reads: (op) => (op.backing ? [op.backing] : []),
    alsoReads: (op) => [op.undoBacking.path], // a safe rebase reads the old parent
    writes: (op) => [op.path],
  }),
  defineOperation<MergeDownOp>({
    kind: "merge-down",
    schema: mergeDownSchema,
    execute: (op) => mergeIntoBase(op.path, op.base.path),
    resumable: true,
    transient,
    // The base is written: once the merge's mark is down the job is finished, never undone.
    undo: async () => undefined,
    tookEffect: (op) => access(mergeMarkerOf(op.base.path)).then(() => true, () => false),
    keepsOrder: true,
    weight: bytesWeight,
    reads: (op) => [{ path: op.path, format: "qcow2" }],
    writes: (op) => [op.base.path],
    writesImage: (op) => op.base.path,
  }),
  defineOperation<WriteFileOp>({
    kind: "write-file",
    schema: writeFileSchema,
    execute: (op) => writeFileAtomic(op.path, op.content),
    resumable: true,
    transient,
    undo: (op) => removeFile(op.path),
    weight: () => MiB,
    writes: (op) => [op.path],
    makes: (op) => [op.path],
    keepsOrder: true,
  }),
];

/** A step of this kind (for code that builds plans and looks back at a step it made). */
export function isStep<K extends StorageOp["kind"]>(op: StepOp, kind: K): op is Extract<StorageOp, { kind: K }> {
  return op.kind === kind;
}
