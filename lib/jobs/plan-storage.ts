import type { ImageFormat } from "@/lib/storage/qemu-img";
import { domainOfFile } from "@/lib/storage/domain-identity";
import type { JobOp, JobPlan } from "./plan";

// What a plan reads and writes on storage, read off its steps: the domains to verify before the
// job is recorded, and the images that must be intact before they are copied or built upon.

/** Files the step reads (a copy's source, an overlay's backing, a saved memory state). */
export function opReads(op: JobOp): { path: string; format: ImageFormat }[] {
  switch (op.kind) {
    case "create":
      return op.backing ? [op.backing] : [];
    case "copy":
      return [op.source, ...(op.backing ? [op.backing] : [])];
    case "rebase":
      return op.backing ? [op.backing] : [];
    case "restore-memory":
      return [{ path: op.memoryPath, format: "raw" }];
    case "live-move":
      return op.disks.map((disk) => ({ path: disk.source.path, format: disk.source.format }));
    case "hot-plug":
    case "hot-unplug":
      return [{ path: op.disk.path, format: op.disk.format }];
    case "send-image":
      return [{ path: op.source.path, format: op.source.format }];
    case "pack-ova":
      return op.disks.map((d) => d.source);
    default:
      return [];
  }
}

/** Files the step writes. */
export function opWrites(op: JobOp): string[] {
  switch (op.kind) {
    case "create":
    case "copy":
    case "rebase":
    case "write-file":
    case "save-memory":
      return [op.path];
    case "live-snapshot":
      return op.disks.map((d) => d.overlayPath);
    case "live-move":
      return op.disks.map((d) => d.target.path);
    case "live-merge":
      return op.disks.map((d) => d.childPath);
    case "receive-image":
      return [op.path, op.scratch];
    case "send-image":
      return op.scratch ? [op.scratch] : [];
    case "unpack-ova-disk":
      return [op.path];
    default:
      return [];
  }
}

/** Every domain the plan touches, including those whose files it removes after the commit. */
export function planDomainIds(plan: JobPlan) {
  const files = [...plan.ops.flatMap((op) => [...opReads(op).map((r) => r.path), ...opWrites(op)]), ...plan.removeAfterCommit];
  return [...new Set(files.flatMap((file) => domainOfFile(file)?.id ?? []))];
}

/** The images the plan reads that the job does not make itself (they must exist and check clean now). */
export function planSourceImages(plan: JobPlan) {
  const made = new Set(plan.ops.flatMap(opWrites));
  // A saved memory state is a stream, not an image qemu-img can check.
  return plan.ops.flatMap((op) => (op.kind === "restore-memory" ? [] : opReads(op))).filter((read) => !made.has(read.path));
}
