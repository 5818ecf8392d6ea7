"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Controller, useFieldArray, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { StorageDomainPicker } from "@/components/storage-domain-picker";
import { submitAction } from "@/components/forms/submit-action";
import { formatBytes } from "@/lib/format";
import { addVmFromTemplateSchema, type AddVmFromTemplateInput } from "@/lib/schemas/vm";
import { copyBytes, MiB, type DomainSpace } from "@/lib/storage-domains/space-estimates";
import type { TemplateChoice } from "@/lib/queries/list-templates";
import { addVmFromTemplateAction } from "@/app/actions/vm-actions";

type Mode = "thin" | "clone" | "copy-then-thin";

function bytesFor(disk: TemplateChoice["disks"][number], mode: Mode, domainId: string) {
  if (mode === "clone") return copyBytes(disk.actualSize);
  if (mode === "copy-then-thin" && !disk.copyDomainIds.includes(domainId)) return copyBytes(disk.actualSize) + MiB;
  return MiB;
}

/** New VM from a template: per template disk, a target domain and thin / clone / copy-then-thin. */
export function VmFromTemplateDialog({ domains, templates, initialTemplateId }: { domains: DomainSpace[]; templates: TemplateChoice[]; initialTemplateId?: string }) {
  const [open, setOpen] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const router = useRouter();
  const form = useForm<AddVmFromTemplateInput>({
    resolver: zodResolver(addVmFromTemplateSchema),
    defaultValues: { name: "", description: "", templateId: initialTemplateId ?? templates[0]?.id ?? "", disks: [] },
  });
  const { fields, replace } = useFieldArray({ control: form.control, name: "disks" });
  const templateId = form.watch("templateId");
  const placements = form.watch("disks") ?? [];
  const template = templates.find((t) => t.id === templateId);
  const errors = form.formState.errors;

  // Choosing a template lays out one row per template disk, thin on its first copy's domain.
  useEffect(() => {
    replace((template?.disks ?? []).map((d) => ({ templateDiskId: d.id, storageDomainId: d.copyDomainIds[0] ?? "", mode: "thin" as const })));
  }, [template, replace]);

  const needs = (skip: number) => {
    const sums: Record<string, number> = {};
    placements.forEach((p, i) => {
      const disk = template?.disks.find((d) => d.id === p.templateDiskId);
      if (i === skip || !disk || !p.storageDomainId) return;
      sums[p.storageDomainId] = (sums[p.storageDomainId] ?? 0) + bytesFor(disk, p.mode ?? "thin", p.storageDomainId);
    });
    return sums;
  };

  const onSubmit = form.handleSubmit(async (values) => {
    const data = await submitAction(form, setTopError, () => addVmFromTemplateAction(values));
    if (!data) return;
    setOpen(false);
    router.push(`/vms/${data.vmId}`);
  }, () => setTopError(null)); // an invalid submit clears a banner left by the previous one

  return (
    <>
      <Button onClick={() => setOpen(true)}>New VM from template</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New VM from Template" wide>
        <form onSubmit={onSubmit} noValidate className="space-y-3">
          <FormError message={topError} />
          <div className="grid grid-cols-2 gap-2">
            <Field label="Name" htmlFor="vmt-name" error={errors.name?.message}>
              <input id="vmt-name" className={inputClass} aria-invalid={!!errors.name} {...form.register("name")} />
            </Field>
            <Field label="Template" htmlFor="vmt-template" error={errors.templateId?.message}>
              <select id="vmt-template" className={inputClass} {...form.register("templateId")}>
                {templates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <fieldset className="space-y-2">
            <legend className="text-sm font-semibold">Disks: where each goes, and how</legend>
            {fields.map((field, index) => {
              const disk = template?.disks.find((d) => d.id === placements[index]?.templateDiskId);
              if (!disk) return null;
              const mode = (placements[index]?.mode ?? "thin") as Mode;
              const noCopy = Object.fromEntries(
                domains.filter((d) => !disk.copyDomainIds.includes(d.id)).map((d) => [d.id, "no copy of this template disk here: choose Clone, or Copy template disk there"]),
              );
              return (
                <div key={field.id} role="group" aria-label={`Template disk ${disk.alias}`} className="grid grid-cols-1 gap-2 rounded border border-slate-200 p-2 md:grid-cols-3">
                  <div className="text-sm">
                    <div className="font-medium">{disk.alias}</div>
                    <div className="text-xs text-slate-600">
                      {formatBytes(disk.provisionedSize)} · copies on {disk.copyDomainIds.map((id) => domains.find((d) => d.id === id)?.name ?? id).join(", ")}
                    </div>
                  </div>
                  <Field label={`Allocation for ${disk.alias}`} htmlFor={`vmt-mode-${index}`}>
                    <select id={`vmt-mode-${index}`} className={inputClass} {...form.register(`disks.${index}.mode`)}>
                      <option value="thin">Thin (overlay on the template copy)</option>
                      <option value="clone">Clone (independent full copy)</option>
                      <option value="copy-then-thin">Copy template disk there, then thin</option>
                    </select>
                  </Field>
                  <Field label={`Storage domain for ${disk.alias}`} htmlFor={`vmt-domain-${index}`} error={errors.disks?.[index]?.storageDomainId?.message}>
                    <Controller
                      control={form.control}
                      name={`disks.${index}.storageDomainId`}
                      render={({ field: f }) => (
                        <StorageDomainPicker
                          id={`vmt-domain-${index}`}
                          domains={domains}
                          value={f.value ?? ""}
                          onChange={f.onChange}
                          neededBytes={bytesFor(disk, mode, f.value ?? "")}
                          otherNeeds={needs(index)}
                          refuse={mode === "thin" ? noCopy : {}}
                          invalid={!!errors.disks?.[index]?.storageDomainId}
                        />
                      )}
                    />
                  </Field>
                </div>
              );
            })}
          </fieldset>
          <DialogActions onCancel={() => setOpen(false)} submitLabel="Create VM" busy={form.formState.isSubmitting} />
        </form>
      </Dialog>
    </>
  );
}
