"use client";

import { DiskTable } from "@/components/disk-table";
import { DiskMoveDialog } from "@/components/disk-move-dialog";
import { DiskAddDialog } from "@/components/disk-add-dialog";
import { ConfirmActionButton } from "@/components/confirm-action-button";
import type { DiskRow } from "@/lib/queries/list-disks";
import type { ListParams } from "@/lib/queries/pagination";
import type { DomainSpace } from "@/lib/storage-domains/space-estimates";
import { deleteDiskAction } from "@/app/actions/disk-actions";

export function DisksView({ rows, total, params, domains }: { rows: DiskRow[]; total: number; params: ListParams; domains: DomainSpace[] }) {
  return (
    <DiskTable
      label="Disks"
      rows={rows}
      total={total}
      params={params}
      showOwner
      toolbar={(selected) => (
        <>
          <DiskAddDialog domains={domains} label="New floating disk" />
          <DiskMoveDialog key={selected.map((d) => d.id).join()} disks={selected} domains={domains} />
          <ConfirmActionButton
            label="Remove"
            title="Remove disks"
            danger
            disabled={selected.length === 0}
            action={async () => {
              for (const disk of selected) {
                const result = await deleteDiskAction({ diskId: disk.id });
                if (!result.ok) return result;
              }
              return { ok: true as const, data: undefined };
            }}
          >
            Remove {selected.map((d) => d.alias).join(", ")} and delete their images?
          </ConfirmActionButton>
        </>
      )}
    />
  );
}
