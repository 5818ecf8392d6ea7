"use client";

import { ConfirmActionButton } from "@/components/confirm-action-button";
import type { DiskRow } from "@/lib/queries/list-disks";
import { activeOnRunningVmReason } from "@/lib/entities/state-rules";
import type { ActionResult } from "@/lib/action-result";

/** Why a disk cannot be removed now, as the server would say (an illegal disk can). */
function blockedReason(disk: DiskRow) {
  if (disk.job || disk.status === "locked") return `Disk ${disk.alias} is locked by another operation.`;
  if (disk.template) return `Disk ${disk.alias} belongs to a template; remove the template instead.`;
  return disk.active && disk.vm ? activeOnRunningVmReason(disk, disk.vm) : null;
}

/** Removes the selected disks one by one; offered only when every one of them can go. */
export function DiskRemoveButton({ disks, deleteDiskAction }: { disks: DiskRow[]; deleteDiskAction: (input: { diskId: string }) => Promise<ActionResult<unknown>> }) {
  const blocked = disks.map(blockedReason).filter((r): r is string => !!r);
  return (
    <ConfirmActionButton
      label="Remove"
      title="Remove disks"
      danger
      disabled={disks.length === 0}
      disabledReason={blocked.length ? blocked.join(" ") : null}
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
