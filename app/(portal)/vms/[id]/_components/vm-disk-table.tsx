"use client";

import { DiskTable } from "@/components/disk-table";
import { DiskMoveDialog } from "@/components/disk-move-dialog";
import { DiskAddDialog } from "@/components/disk-add-dialog";
import { DiskRemoveButton } from "@/components/disk-remove-button";
import { ConfirmActionButton } from "@/components/confirm-action-button";
import type { DiskRow } from "@/lib/queries/list-disks";
import type { DomainSpace } from "@/lib/storage-domains/space-estimates";
import { detachDiskAction } from "@/app/actions/disk-actions";
import { addDiskAction, deleteDiskAction, moveDisksAction } from "@/app/actions/disk-actions";

/** A VM's Virtual Disks sub-tab: every disk with its storage domain, and the disk actions. */
export function VmDiskTable({ vmId, rows, domains }: { vmId: string; rows: DiskRow[]; domains: DomainSpace[] }) {
  return (
    <DiskTable
      label="Virtual disks"
      rows={rows}
      total={rows.length}
      params={{ page: 1, pageSize: Math.max(rows.length, 1), order: "asc" }}
      showOwner={false}
      searchable={false}
      toolbar={(selected) => (
        <>
          <DiskAddDialog addDiskAction={addDiskAction} vmId={vmId} domains={domains} />
          <DiskMoveDialog moveDisksAction={moveDisksAction} key={selected.map((d) => d.id).join()} disks={selected} domains={domains} />
          <ConfirmActionButton
            label="Detach"
            title="Detach disks"
            disabled={selected.length === 0}
            action={async () => {
              for (const disk of selected) {
                const result = await detachDiskAction({ vmId, diskId: disk.id });
                if (!result.ok) return result;
              }
              return { ok: true as const, data: undefined };
            }}
          >
            Detach {selected.map((d) => d.alias).join(", ")}? They stay as floating disks on their domains.
          </ConfirmActionButton>
          <DiskRemoveButton deleteDiskAction={deleteDiskAction} disks={selected} />
        </>
      )}
    />
  );
}
