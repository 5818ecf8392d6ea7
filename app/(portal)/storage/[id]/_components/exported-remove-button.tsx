"use client";

import { ConfirmActionButton } from "@/components/confirm-action-button";
import { removeExportedAction } from "@/app/actions/transfer-actions";

/** Deletes an exported VM or template, with its disk images, from the export domain. */
export function ExportedRemoveButton({ storageDomainId, kind, id, name, disks }: { storageDomainId: string; kind: "vm" | "template"; id: string; name: string; disks: number }) {
  return (
    <ConfirmActionButton
      label="Remove"
      title={`Remove ${name} from the export domain`}
      confirmLabel="Remove"
      danger
      action={() => removeExportedAction({ storageDomainId, kind: kind === "vm" ? "vms" : "templates", id })}
    >
      <p>
        The exported {kind === "vm" ? "VM" : "template"} {name} and its {disks} disk image(s) are deleted from the export domain. Nothing in the
        portal changes.
      </p>
    </ConfirmActionButton>
  );
}
