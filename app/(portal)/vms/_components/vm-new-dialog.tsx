"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useFieldArray, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { DiskFields, needsByDomain } from "@/components/forms/disk-fields";
import { submitAction } from "@/components/forms/submit-action";
import { addVmSchema, type AddVmInput } from "@/lib/schemas/vm";
import type { DomainSpace } from "@/lib/storage-domains/space-estimates";
import { addVmAction } from "@/app/actions/vm-actions";
import { GiB } from "@/lib/schemas/common";
const blankDisk = (n: number) => ({ alias: `disk${n}`, provisionedSize: 10 * GiB, format: "qcow2" as const, allocation: "thin" as const, interface: "virtio" as const, bootable: n === 1, shareable: false, description: "", storageDomainId: "" });

/** New VM: general settings plus any number of new disks, each on its own storage domain. */
export function VmNewDialog({ domains }: { domains: DomainSpace[] }) {
  const [open, setOpen] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const router = useRouter();
  const form = useForm<AddVmInput>({
    resolver: zodResolver(addVmSchema),
    defaultValues: { name: "", description: "", cpus: 1, memoryMb: 1024, disks: [blankDisk(1)] },
  });
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "disks" });
  const disks = form.watch("disks") ?? [];
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async (values) => {
    const data = await submitAction(form, setTopError, () => addVmAction(values));
    if (!data) return;
    setOpen(false);
    form.reset();
    router.push(`/vms/${data.vmId}`);
  }, () => setTopError(null)); // an invalid submit clears a banner left by the previous one

  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)}>
        New VM
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New Virtual Machine" wide>
        <form onSubmit={onSubmit} noValidate className="space-y-3">
          <FormError message={topError} />
          <div className="grid grid-cols-2 gap-2 md:grid-cols-4">
            <Field label="Name" htmlFor="vm-name" error={errors.name?.message}>
              <input id="vm-name" className={inputClass} aria-invalid={!!errors.name} {...form.register("name")} />
            </Field>
            <Field label="Description" htmlFor="vm-description" error={errors.description?.message}>
              <input id="vm-description" className={inputClass} {...form.register("description")} />
            </Field>
            <Field label="CPUs" htmlFor="vm-cpus" error={errors.cpus?.message}>
              <input id="vm-cpus" type="number" className={inputClass} aria-invalid={!!errors.cpus} {...form.register("cpus", { valueAsNumber: true })} />
            </Field>
            <Field label="Memory (MiB)" htmlFor="vm-memory" error={errors.memoryMb?.message}>
              <Controller control={form.control} name="memoryMb" render={({ field }) => <input id="vm-memory" type="number" className={inputClass} aria-invalid={!!errors.memoryMb} value={field.value ?? ""} onChange={(e) => field.onChange(e.target.valueAsNumber)} />} />
            </Field>
          </div>
          <fieldset className="space-y-2">
            <legend className="text-sm font-semibold">Disks</legend>
            {fields.map((field, index) => (
              <div key={field.id} className="rounded border border-slate-200 p-2" role="group" aria-label={`Disk ${index + 1}`}>
                <div className="mb-1 flex items-center justify-between text-xs font-medium text-slate-600">
                  Disk {index + 1}
                  <button type="button" className="text-red-700 hover:underline" onClick={() => remove(index)}>
                    Remove disk {index + 1}
                  </button>
                </div>
                <DiskFields prefix={`disks.${index}`} idPrefix={`disk-${index}`} control={form.control} errors={errors.disks?.[index]} disk={disks[index] ?? {}} domains={domains} otherNeeds={needsByDomain(disks, index)} />
              </div>
            ))}
            <Button onClick={() => append(blankDisk(fields.length + 1))}>Add disk</Button>
          </fieldset>
          <DialogActions onCancel={() => setOpen(false)} submitLabel="Create VM" busy={form.formState.isSubmitting} />
        </form>
      </Dialog>
    </>
  );
}
