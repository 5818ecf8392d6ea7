"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { followJob, startedJobId } from "@/components/forms/follow-job";

/** A button that asks for confirmation, runs a server action, and shows its error in place; a job it starts is followed in a toast. */
/** `disabledReason`: the action is offered but not possible now; the reason shows as its tooltip. */
export function ConfirmActionButton<T>({ label, title, children, confirmLabel, action, danger, disabled, disabledReason, onDone }: { label: string; title: string; children?: ReactNode; confirmLabel?: string; action: () => Promise<ActionResult<T>>; danger?: boolean; disabled?: boolean; disabledReason?: string | null; onDone?: (data: T) => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const router = useRouter();
  async function run() {
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      if (!result.ok) return setError(result.message);
      const jobId = startedJobId(result.data);
      if (jobId) followJob(jobId);
      setOpen(false);
      onDone?.(result.data);
      router.refresh();
    } catch {
      setError("The server could not be reached; try again.");
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Button variant={danger ? "danger" : "secondary"} disabled={disabled || !!disabledReason} title={disabledReason ?? undefined} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title}>
        <FormError message={error} />
        <div className="space-y-3 text-sm">{children}</div>
        <div className="mt-4 flex justify-end gap-2">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant={danger ? "danger" : "primary"} disabled={busy} onClick={run}>
            {confirmLabel ?? "OK"}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
