"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { StorageDomainPicker } from "@/components/storage-domain-picker";
import { submitAction } from "@/components/forms/submit-action";
import { formatBytes } from "@/lib/format";
import { importSchema, type ImportInput } from "@/lib/schemas/import-export";
import { copyBytes, type DomainSpace } from "@/lib/storage-domains/space-estimates";
import type { OvfDescriptor } from "@/lib/transfer/ovf";
import { importAction } from "@/app/actions/transfer-actions";

/** Import a VM or template from an export domain, with a target data domain per disk. */
export function ImportDialog({ kind, exportDomainId, item, domains }: { kind: "vm" | "template"; exportDomainId: string; item: OvfDescriptor; domains: DomainSpace[] }) {
  const [open, setOpen] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const router = useRouter();
  const form = useForm<ImportInput>({ resolver: zodResolver(importSchema) });
  const targets = form.watch("disks") ?? [];
  const errors = form.formState.errors;

  function openDialog() {
    form.reset({ exportDomainId, id: item.id, name: item.name, disks: item.disks.map((d) => ({ diskId: d.diskId, storageDomainId: "" })) });
    setTopError(null);
    setOpen(true);
  }
  const needs = (skip: number) => {
    const sums: Record<string, number> = {};
    targets.forEach((t, i) => {
      if (i !== skip && t.storageDomainId && item.disks[i]) sums[t.storageDomainId] = (sums[t.storageDomainId] ?? 0) + copyBytes(item.disks[i].actualSize);
    });
    return sums;
  };
  const onSubmit = form.handleSubmit(async (values) => {
    const data = await submitAction(form, setTopError, () => importAction(kind, values));
    if (!data) return;
    setOpen(false);
    router.push(kind === "vm" ? `/vms/${data.id}` : `/templates/${data.id}`);
  }, () => setTopError(null)); // an invalid submit clears a banner left by the previous one
  return (
    <>
      <Button onClick={openDialog}>Import {item.name}</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Import ${kind === "vm" ? "VM" : "template"} ${item.name}`} wide>
        <form onSubmit={onSubmit} noValidate className="space-y-3">
          <FormError message={topError} />
          <Field label="Name after import" htmlFor="import-name" error={errors.name?.message}>
            <input id="import-name" className={inputClass} aria-invalid={!!errors.name} {...form.register("name")} />
          </Field>
          {item.disks.map((disk, index) => (
            <Field key={disk.diskId} label={`Storage domain for ${disk.alias}`} htmlFor={`import-domain-${index}`} error={errors.disks?.[index]?.storageDomainId?.message} hint={`${formatBytes(disk.provisionedSize)} virtual, ${formatBytes(disk.actualSize)} to copy`}>
              <Controller
                control={form.control}
                name={`disks.${index}.storageDomainId`}
                render={({ field }) => (
                  <StorageDomainPicker id={`import-domain-${index}`} domains={domains} value={field.value ?? ""} onChange={field.onChange} neededBytes={copyBytes(disk.actualSize)} otherNeeds={needs(index)} invalid={!!errors.disks?.[index]?.storageDomainId} />
                )}
              />
            </Field>
          ))}
          <DialogActions onCancel={() => setOpen(false)} submitLabel="Import" busy={form.formState.isSubmitting} />
        </form>
      </Dialog>
    </>
  );
}
