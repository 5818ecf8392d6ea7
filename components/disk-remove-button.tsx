"use client";

import { ConfirmActionButton } from "@/components/confirm-action-button";
import type { DiskRow } from "@/lib/queries/list-disks";
import type { ActionResult } from "@/lib/action-result";

/** Removes the selected disks one by one; stops at (and shows) the first refusal. */
export function DiskRemoveButton({ disks, deleteDiskAction }: { disks: DiskRow[]; deleteDiskAction: (input: { diskId: string }) => Promise<ActionResult<unknown>> }) {
  return (
    <ConfirmActionButton
      label="Remove"
      title="Remove disks"
      danger
      disabled={disks.length === 0}
      action={async () => {
        for (const disk of disks) {
          const result = await deleteDiskAction({ diskId: disk.id });
          if (!result.ok) return result;
        }
        return { ok: true as const, data: undefined };
      }}
    >
      Remove {disks.map((d) => d.alias).join(", ")} and delete their images?
    </ConfirmActionButton>
  );
}
