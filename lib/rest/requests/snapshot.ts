import { parseInput } from "@/lib/schemas/parse";
import type { CreateSnapshotInput } from "@/lib/schemas/snapshot";
import type { WireNode } from "../wire/tree";
import { bool, element, text } from "./wire-schema";

// POST /vms/{id}/snapshots. Snapshots are taken of down VMs, so there is no memory to keep:
// persist_memorystate is accepted either way and has nothing to act on.
const snapshotWire = element({ description: text, persist_memorystate: bool.optional() });

export function parseCreateSnapshot(node: WireNode, vmId: string, correlationId?: string): CreateSnapshotInput {
  const wire = parseInput(snapshotWire, node);
  return { vmId, description: wire.description, correlationId };
}
