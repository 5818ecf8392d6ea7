import "server-only";
import { z } from "zod";
import { bytesWeight, defineOperation, volumeMetaInputSchema, volumeRecordSchema } from "@/lib/jobs/operation";
import { copyBytes } from "@/lib/storage-domains/space-estimates";
import { executeOvaOp, undoOvaOp } from "./ova-ops";

// OVA steps: pack writes one .ova (the OVF and each disk collapsed to a qcow2, in one tar) into a
// directory outside the storage domains; unpack makes a disk's volume from one member of an .ova,
// checked as an upload is. Undone by removing what they wrote.

const imageFormat = z.enum(["qcow2", "raw"]);

const packSchema = z.object({
  kind: z.literal("pack-ova"),
  label: z.string(),
  /** The .ova file; it did not exist when the job was planned. */
  path: z.string(),
  ovf: z.string(),
  disks: z.array(z.object({ member: z.string(), source: z.object({ path: z.string(), format: imageFormat }) })),
  weightBytes: z.number(),
});

const unpackSchema = z.object({
  kind: z.literal("unpack-ova-disk"),
  label: z.string(),
  ova: z.string(),
  member: z.string(),
  path: z.string(),
  format: imageFormat,
  preallocated: z.boolean(),
  meta: volumeMetaInputSchema,
  record: volumeRecordSchema,
  weightBytes: z.number(),
});

export type PackOvaOp = z.infer<typeof packSchema>;
export type UnpackOvaDiskOp = z.infer<typeof unpackSchema>;
export type OvaOp = PackOvaOp | UnpackOvaDiskOp;


export const ovaSteps = [
  defineOperation<PackOvaOp>({
    kind: "pack-ova",
    schema: packSchema,
    execute: (op, onProgress, signal) => executeOvaOp(op, onProgress, signal),
    undo: (op) => undoOvaOp(op),
    weight: bytesWeight,
    reads: (op) => op.disks.map((d) => d.source),
  }),
  defineOperation<UnpackOvaDiskOp>({
    kind: "unpack-ova-disk",
    schema: unpackSchema,
    execute: (op, onProgress, signal) => executeOvaOp(op, onProgress, signal),
    undo: (op) => undoOvaOp(op),
    weight: bytesWeight,
    writes: (op) => [op.path],
    makes: (op) => [op.path],
    writesImage: (op) => op.path,
    madeVolume: (op) => ({ record: op.record, path: op.path, capacity: op.meta.sizeBytes }),
    needsSpace: (op) => ({
      storageDomainId: op.meta.domainId,
      path: op.path,
      bytes: op.preallocated ? Math.max(op.meta.sizeBytes, copyBytes(op.weightBytes)) : copyBytes(op.weightBytes),
      provisionedBytes: op.meta.sizeBytes,
    }),
  }),
];
