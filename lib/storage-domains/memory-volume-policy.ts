import { MiB } from "@/lib/schemas/common";

// Where a hibernated VM's memory goes: oVirt's policy for memory volumes (hibernation and RAM
// snapshots). Pure, so it is unit-tested; memory-placement.ts feeds it the real domains.
//
// 1. Only active data domains that keep their critical reserve after the volume is written.
// 2. Prefer the domain holding most of this VM's disks: the VM's data and its state stay
//    together, and a domain the VM does not use yet does not become one more it depends on.
// 3. Then the most free space. (oVirt next prefers file domains to block ones; all ours are files.)
// 4. Then by name, so the choice is stable.

/** Device state adds little to the RAM image; 100 MiB covers it with room to spare. */
export const MEMORY_STATE_OVERHEAD_BYTES = 100 * MiB;

/** The space reserved for a memory volume: a guest that touched all its RAM writes all of it. */
export function memoryVolumeBytes(memoryMb: number) {
  return memoryMb * MiB + MEMORY_STATE_OVERHEAD_BYTES;
}

export interface MemoryDomainCandidate {
  id: string;
  name: string;
  freeBytes: number;
  /** Space that must stay free (the domain's critical threshold). */
  reserveBytes: number;
  /** How many of the VM's disks live there. */
  vmDisks: number;
}

/** The eligible domains, best first. */
export function rankMemoryDomains<T extends MemoryDomainCandidate>(candidates: T[], neededBytes: number): T[] {
  return candidates
    .filter((c) => c.freeBytes - neededBytes >= c.reserveBytes)
    .sort((a, b) => b.vmDisks - a.vmDisks || b.freeBytes - a.freeBytes || a.name.localeCompare(b.name));
}
