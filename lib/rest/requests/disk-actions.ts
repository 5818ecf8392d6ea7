import { parseInput } from "@/lib/schemas/parse";
import type { CopyDiskInput, MoveDisksInput } from "@/lib/schemas/disk";
import type { WireNode } from "../wire/tree";
import { element, reference, text } from "./wire-schema";
import { storageDomainIdOf } from "./refs";

// POST /disks/{id}/move and /disks/{id}/copy.

const moveWire = element({ storage_domain: reference });

export async function parseMoveDisk(node: WireNode, diskId: string, correlationId?: string): Promise<MoveDisksInput> {
  const wire = parseInput(moveWire, node);
  return { moves: [{ diskId, storageDomainId: await storageDomainIdOf(wire.storage_domain) }], correlationId };
}

const copyWire = element({
  storage_domain: reference,
  disk: element({ name: text.optional(), alias: text.optional() }).optional(),
});

export async function parseCopyDisk(node: WireNode, diskId: string, correlationId?: string): Promise<CopyDiskInput> {
  const wire = parseInput(copyWire, node);
  return { diskId, storageDomainId: await storageDomainIdOf(wire.storage_domain), alias: wire.disk?.alias ?? wire.disk?.name, correlationId };
}
