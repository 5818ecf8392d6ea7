import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import type { StartTransferInput } from "@/lib/schemas/image-transfer";
import { getHost } from "@/lib/hosts/this-host";
import type { WireNode } from "../wire/tree";
import { bool, count, element, reference } from "./wire-schema";

// POST /imagetransfers: <image_transfer><disk id="…"/><direction>upload</direction><format>raw</format>…

const transferWire = element({
  disk: reference.optional(),
  /** Older clients name the disk's image; here a disk has one image, named by the disk's id. */
  image: reference.optional(),
  direction: z.enum(["upload", "download"]).optional(),
  format: z.enum(["raw", "cow"]).optional(),
  inactivity_timeout: count.optional(),
  timeout_policy: z.enum(["legacy", "pause", "cancel"]).optional(),
  host: reference.optional(),
  shallow: bool.optional(),
  backup: reference.optional(),
  snapshot: reference.optional(),
});

export function parseStartTransfer(node: WireNode, correlationId?: string): StartTransferInput {
  const wire = parseInput(transferWire, node);
  const diskId = wire.disk?.id ?? wire.image?.id;
  const diskSnapshotId = wire.snapshot?.id;
  if (!diskId && !diskSnapshotId) throw new AppError("VALIDATION", "Invalid input. disk: name the disk (or snapshot: the disk snapshot) to transfer by id.");
  if (wire.backup) throw new AppError("VALIDATION", "Invalid input. Transfers of backups are not supported; transfer the disk.");
  // Every transfer runs on this machine: a host named must be it.
  if (wire.host?.id) getHost(wire.host.id);
  return { direction: wire.direction ?? "upload", diskId, diskSnapshotId, shallow: wire.shallow ?? false, format: wire.format ?? "cow", inactivityTimeout: wire.inactivity_timeout ?? 60, timeoutPolicy: wire.timeout_policy, correlationId };
}
