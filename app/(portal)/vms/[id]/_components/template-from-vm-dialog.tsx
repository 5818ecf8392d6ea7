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
import { addTemplateFromVmSchema, type AddTemplateFromVmInput } from "@/lib/schemas/template";
import { copyBytes, type DomainSpace } from "@/lib/storage-domains/space-estimates";
import type { DiskRow } from "@/lib/queries/list-disks";
import { addTemplateFromVmAction } from "@/app/actions/template-actions";

/** New template from a (down) VM, with a target domain for each VM disk. */
export function TemplateFromVmDialog({ vmId, vmName, disks, domains }: { vmId: string; vmName: string; disks: DiskRow[]; domains: DomainSpace[] }) {
  const [open, setOpen] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const router = useRouter();
  const dataDisks = disks.filter((d) => d.contentType === "data");
  const form = useForm<AddTemplateFromVmInput>({ resolver: zodResolver(addTemplateFromVmSchema) });
  const targets = form.watch("disks") ?? [];
  const errors = form.formState.errors;

  function openDialog() {
    form.reset({ name: `${vmName}-template`, description: "", vmId, disks: dataDisks.map((d) => ({ diskId: d.id, storageDomainId: d.storageDomains[0]?.id ?? "" })) });
    setTopError(null);
    setOpen(true);
  }
  const needs = (skip: number) => {
    const sums: Record<string, number> = {};
    targets.forEach((t, i) => {
      if (i !== skip && t.storageDomainId) sums[t.storageDomainId] = (sums[t.storageDomainId] ?? 0) + copyBytes(dataDisks[i]?.actualSize ?? 0);
    });
    return sums;
  };
  const onSubmit = form.handleSubmit(async (values) => {
    const data = await submitAction(form, setTopError, () => addTemplateFromVmAction(values));
    if (!data) return;
    setOpen(false);
    router.push(`/templates/${data.templateId}`);
  }, () => setTopError(null)); // an invalid submit clears a banner left by the previous one

  return (
    <>
      <Button onClick={openDialog}>New template</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`New template from ${vmName}`} wide>
        <form onSubmit={onSubmit} noValidate className="space-y-3">
          <FormError message={topError} />
          <Field label="Template name" htmlFor="tpl-name" error={errors.name?.message}>
            <input id="tpl-name" className={inputClass} aria-invalid={!!errors.name} {...form.register("name")} />
          </Field>
          {dataDisks.map((disk, index) => (
            <Field key={disk.id} label={`Storage domain for ${disk.alias}`} htmlFor={`tpl-domain-${index}`} error={errors.disks?.[index]?.storageDomainId?.message}>
              <Controller
                control={form.control}
                name={`disks.${index}.storageDomainId`}
                render={({ field }) => (
                  <StorageDomainPicker id={`tpl-domain-${index}`} domains={domains} value={field.value ?? ""} onChange={field.onChange} neededBytes={copyBytes(disk.actualSize)} otherNeeds={needs(index)} invalid={!!errors.disks?.[index]?.storageDomainId} />
                )}
              />
            </Field>
          ))}
          <DialogActions onCancel={() => setOpen(false)} submitLabel="Create template" busy={form.formState.isSubmitting} />
        </form>
      </Dialog>
    </>
  );
}
