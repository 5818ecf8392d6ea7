import { derivedUuid } from "@/lib/derived-id";

// oVirt lists, after a VM's snapshots, one of type "active": the VM as it is now, each disk at
// its active volume. The portal does not store it; its id is derived from the VM's, so it is
// the same on every read and on every instance.

export const ACTIVE_SNAPSHOT_DESCRIPTION = "Active VM";

export function activeSnapshotId(vmId: string) {
  return derivedUuid(`active-snapshot:${vmId}`);
}
