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
import { cloneTemplateSchema, type CloneTemplateInput } from "@/lib/schemas/template";
import { copyBytes, type DomainSpace } from "@/lib/storage-domains/space-estimates";
import { cloneTemplateAction } from "@/app/actions/template-actions";

interface TemplateDisk {
  id: string;
  alias: string;
  copies: { domainId: string; domainName: string; actualSize: number }[];
}

/** Clone a template: a new template whose disks are full copies, each on the domain chosen for it. */
export function TemplateCloneDialog({ templateId, templateName, disks, domains }: { templateId: string; templateName: string; disks: TemplateDisk[]; domains: DomainSpace[] }) {
  const [open, setOpen] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const router = useRouter();
  const form = useForm<CloneTemplateInput>({ resolver: zodResolver(cloneTemplateSchema) });
  const targets = form.watch("disks") ?? [];
  const errors = form.formState.errors;
  const size = (disk: TemplateDisk) => copyBytes(Math.max(0, ...disk.copies.map((c) => c.actualSize)));

  function openDialog() {
    form.reset({ name: `${templateName}-clone`, description: "", templateId, disks: disks.map((d) => ({ diskId: d.id, storageDomainId: "" })) });
    setTopError(null);
    setOpen(true);
  }
  const needs = (skip: number) => {
    const sums: Record<string, number> = {};
    targets.forEach((t, i) => {
      if (i !== skip && t.storageDomainId && disks[i]) sums[t.storageDomainId] = (sums[t.storageDomainId] ?? 0) + size(disks[i]);
    });
    return sums;
  };
  const onSubmit = form.handleSubmit(async (values) => {
    const data = await submitAction(form, setTopError, () => cloneTemplateAction(values));
    if (!data) return;
    setOpen(false);
    router.push(`/templates/${data.templateId}`);
  }, () => setTopError(null)); // an invalid submit clears a banner left by the previous one
  return (
    <>
      <Button onClick={openDialog}>Clone</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Clone template ${templateName}`} wide>
        <form onSubmit={onSubmit} noValidate className="space-y-3">
          <FormError message={topError} />
          <Field label="New template name" htmlFor="clone-name" error={errors.name?.message}>
            <input id="clone-name" className={inputClass} aria-invalid={!!errors.name} {...form.register("name")} />
          </Field>
          {disks.map((disk, index) => (
            <Field key={disk.id} label={`Storage domain for ${disk.alias}`} htmlFor={`clone-domain-${index}`} error={errors.disks?.[index]?.storageDomainId?.message} hint={`source copies on ${disk.copies.map((c) => c.domainName).join(", ")}`}>
              <Controller
                control={form.control}
                name={`disks.${index}.storageDomainId`}
                render={({ field }) => (
                  <StorageDomainPicker id={`clone-domain-${index}`} domains={domains} value={field.value ?? ""} onChange={field.onChange} neededBytes={size(disk)} otherNeeds={needs(index)} invalid={!!errors.disks?.[index]?.storageDomainId} />
                )}
              />
            </Field>
          ))}
          <DialogActions onCancel={() => setOpen(false)} submitLabel="Clone" busy={form.formState.isSubmitting} />
        </form>
      </Dialog>
    </>
  );
}
