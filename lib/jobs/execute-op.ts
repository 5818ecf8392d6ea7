import "server-only";
import { copyVolume, createVolume, rebaseVolume, removeFile, removeVolume, writeFileAtomic } from "@/lib/storage/driver";
import type { StorageOp } from "./plan";

// Runs one storage step, and undoes one. Both are idempotent.

export async function executeOp(op: StorageOp, onProgress: (percent: number) => void) {
  switch (op.kind) {
    case "create":
      return createVolume(op);
    case "copy":
      return copyVolume(op.source, op, onProgress);
    case "rebase":
      return rebaseVolume(op.path, op.backing, op.copyData);
    case "write-file":
      return writeFileAtomic(op.path, op.content);
  }
}

export async function undoOp(op: StorageOp) {
  switch (op.kind) {
    case "create":
    case "copy":
      return removeVolume(op.path);
    case "write-file":
      return removeFile(op.path);
    case "rebase":
      // The data is the same through either parent; only the reference goes back.
      return rebaseVolume(op.path, op.undoBacking, false).catch(() => undefined);
  }
}
