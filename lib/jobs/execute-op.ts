import "server-only";
import { copyVolume, createVolume, rebaseVolume, removeFile, removeVolume, writeFileAtomic } from "@/lib/storage/driver";
import { executeRuntimeOp, undoRuntimeOp } from "@/lib/vms/runtime/runtime-ops";
import { executeTransferOp, undoTransferOp } from "@/lib/image-transfers/transfer-ops";
import { executeOvaOp, undoOvaOp } from "@/lib/ova/ova-ops";
import { isRuntimeOp, type JobOp } from "./plan";

// Runs one step, and undoes one. Both are idempotent.

export async function executeOp(op: JobOp, onProgress: (percent: number) => void, signal?: AbortSignal) {
  if (isRuntimeOp(op)) return executeRuntimeOp(op, onProgress, signal);
  switch (op.kind) {
    case "create":
      return createVolume(op);
    case "copy":
      return copyVolume(op.source, op, onProgress, signal);
    case "rebase":
      return rebaseVolume(op.path, op.backing, op.copyData);
    case "write-file":
      return writeFileAtomic(op.path, op.content);
    case "receive-image":
    case "send-image":
      return executeTransferOp(op, onProgress, signal);
    case "pack-ova":
    case "unpack-ova-disk":
      return executeOvaOp(op, onProgress, signal);
  }
}

export async function undoOp(op: JobOp) {
  if (isRuntimeOp(op)) return undoRuntimeOp(op);
  switch (op.kind) {
    case "create":
    case "copy":
      return removeVolume(op.path);
    case "write-file":
      return removeFile(op.path);
    case "rebase":
      // The data is the same through either parent; only the reference goes back. A failure is
      // the rollback's to report (its leftovers), not to hide.
      return rebaseVolume(op.path, op.undoBacking, false);
    case "receive-image":
    case "send-image":
      return undoTransferOp(op);
    case "pack-ova":
    case "unpack-ova-disk":
      return undoOvaOp(op);
  }
}
