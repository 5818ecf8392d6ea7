"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { Field, FormError } from "@/components/ui/field";
import { StorageDomainPicker } from "@/components/storage-domain-picker";
import { submitAction } from "@/components/forms/submit-action";
import { formatBytes } from "@/lib/format";
import { diskUnusableReason } from "@/lib/entities/state-rules";
import { moveDisksSchema, type MoveDisksInput } from "@/lib/schemas/disk";
import { copyBytes, type DomainSpace } from "@/lib/storage-domains/space-estimates";
import type { DiskRow } from "@/lib/queries/list-disks";
import type { ActionResult } from "@/lib/action-result";

/** Moves the selected disks, each to the domain chosen for it; a disk's current domain is not offered. */
export function DiskMoveDialog({ disks, domains, moveDisksAction }: { disks: DiskRow[]; domains: DomainSpace[]; moveDisksAction: (input: MoveDisksInput) => Promise<ActionResult<unknown>> }) {
  const [open, setOpen] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const router = useRouter();
  const form = useForm<MoveDisksInput>({ resolver: zodResolver(moveDisksSchema) });
  const moves = form.watch("moves") ?? [];
  const errors = form.formState.errors;
  // Why a selected disk cannot move now (shown on the disabled button), as the server would say.
  const reasonOf = (d: DiskRow) => (d.template ? `Disk ${d.alias} belongs to a template; copy it instead.` : diskUnusableReason({ alias: d.alias, status: d.status, lockJobId: d.job?.id ?? null }));
  const movable = disks.filter((d) => !reasonOf(d));
  const blocked = disks.map(reasonOf).filter((r): r is string => !!r);

  function openDialog() {
    form.reset({ moves: movable.map((d) => ({ diskId: d.id, storageDomainId: "" })) });
    setTopError(null);
    setOpen(true);
  }

  const needs = (skip: number) => {
    const sums: Record<string, number> = {};
    moves.forEach((m, i) => {
      const disk = movable[i];
      if (i !== skip && disk && m.storageDomainId) sums[m.storageDomainId] = (sums[m.storageDomainId] ?? 0) + copyBytes(disk.actualSize);
    });
    return sums;
  };

  const onSubmit = form.handleSubmit(async (values) => {
    if (!(await submitAction(form, setTopError, () => moveDisksAction(values)))) return;
    setOpen(false);
    router.refresh();
  }, () => setTopError(null)); // an invalid submit clears a banner left by the previous one

  return (
    <>
      <Button disabled={movable.length === 0} title={movable.length === 0 && blocked.length ? blocked.join(" ") : undefined} onClick={openDialog}>
        Move
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Move ${movable.length === 1 ? "disk" : `${movable.length} disks`}`} wide>
        <form onSubmit={onSubmit} noValidate className="space-y-3">
          <FormError message={topError ?? errors.moves?.message ?? errors.moves?.root?.message} />
          {movable.map((disk, index) => (
            <div key={disk.id} role="group" aria-label={`Move ${disk.alias}`} className="grid grid-cols-1 items-end gap-2 md:grid-cols-2">
              <div className="text-sm">
                <div className="font-medium">{disk.alias}</div>
                <div className="text-xs text-slate-600">
                  now on {disk.storageDomains.map((d) => d.name).join(", ")} · {formatBytes(disk.actualSize)} allocated
                </div>
                {disk.active && (disk.vm?.status === "up" || disk.vm?.status === "paused") && (
                  <div className="text-xs text-sky-800">Moves live: VM {disk.vm.name} keeps running; it pauses for a moment at the switch.</div>
                )}
              </div>
              <Field label={`Target domain for ${disk.alias}`} htmlFor={`move-${index}`} error={errors.moves?.[index]?.storageDomainId?.message}>
                <Controller
                  control={form.control}
                  name={`moves.${index}.storageDomainId`}
                  render={({ field }) => (
                    <StorageDomainPicker
                      id={`move-${index}`}
                      domains={domains}
                      value={field.value ?? ""}
                      onChange={field.onChange}
                      neededBytes={copyBytes(disk.actualSize)}
                      provisionedBytes={disk.provisionedSize}
                      otherNeeds={needs(index)}
                      exclude={Object.fromEntries(disk.storageDomains.map((d) => [d.id, "current domain"]))}
                      invalid={!!errors.moves?.[index]?.storageDomainId}
                    />
                  )}
                />
              </Field>
            </div>
          ))}
          <DialogActions onCancel={() => setOpen(false)} submitLabel="Move" busy={form.formState.isSubmitting} />
        </form>
      </Dialog>
    </>
  );
}
