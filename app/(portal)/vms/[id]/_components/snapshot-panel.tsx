"use client";

import { SimpleTable } from "@/components/ui/simple-table";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { StatusBadge } from "@/components/ui/status-badge";
import { ConfirmActionButton } from "@/components/confirm-action-button";
import { followJob } from "@/components/forms/follow-job";
import { createSnapshotAction, deleteSnapshotAction, restoreSnapshotAction } from "@/app/actions/snapshot-actions";

interface SnapshotItem {
  id: string;
  description: string;
  status: string;
  createdAt: string;
  /** "active": the VM as it is now, listed last as oVirt does; nothing to restore or delete. */
  type: "regular" | "active";
}

/** A VM's snapshots: create (an overlay per disk on its own domain), restore, delete. */
export function SnapshotPanel({ vmId, snapshots }: { vmId: string; snapshots: SnapshotItem[] }) {
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const router = useRouter();
  async function create(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    setFieldError(undefined);
    const result = await createSnapshotAction({ vmId, description }).catch(() => null);
    if (!result) return setError("The server could not be reached; try again.");
    if (!result.ok) {
      setError(result.message);
      setFieldError(result.fieldErrors.description);
      return;
    }
    followJob(result.data.jobId);
    setDescription("");
    router.refresh();
  }
  return (
    <div className="space-y-3">
      <form onSubmit={create} className="flex max-w-xl items-end gap-2" noValidate>
        <div className="flex-1">
          <Field label="Snapshot description" htmlFor="snapshot-description" error={fieldError}>
            <input id="snapshot-description" className={inputClass} aria-invalid={!!fieldError} value={description} onChange={(e) => setDescription(e.target.value)} />
          </Field>
        </div>
        <Button type="submit" variant="primary">
          Create snapshot
        </Button>
      </form>
      <FormError message={error} />
      <SimpleTable label="Snapshots" className="w-full max-w-3xl" headers={["Date", "Description", "Status", "Actions"]}>
          {snapshots.map((s) => (
            <tr key={s.id} className="border-t border-slate-100">
              <td className="px-3 py-1.5">{s.createdAt.replace("T", " ").slice(0, 19)}</td>
              <td className="px-3 py-1.5">{s.description}</td>
              <td className="px-3 py-1.5">
                <StatusBadge status={s.status} />
              </td>
              {s.type === "active" ? (
                <td className="px-3 py-1.5 text-slate-500">Current state</td>
              ) : (
                <td className="flex gap-2 px-3 py-1.5">
                  <ConfirmActionButton label="Restore" title={`Restore ${s.description}`} action={() => restoreSnapshotAction({ vmId, snapshotId: s.id })}>
                    Return every disk to this snapshot? Newer data and newer snapshots are discarded.
                  </ConfirmActionButton>
                  <ConfirmActionButton label="Delete" title={`Delete ${s.description}`} danger action={() => deleteSnapshotAction({ vmId, snapshotId: s.id })}>
                    Delete the snapshot? Its data is merged into the newer volume of each disk.
                  </ConfirmActionButton>
                </td>
              )}
            </tr>
          ))}
        </SimpleTable>
    </div>
  );
}
