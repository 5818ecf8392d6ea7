"use client";

import { Controller, type Control, type FieldErrors, type FieldValues, type Path } from "react-hook-form";
import { Field, inputClass } from "@/components/ui/field";
import { SizeInput } from "@/components/size-input";
import { StorageDomainPicker } from "@/components/storage-domain-picker";
import type { DomainSpace } from "@/lib/storage-domains/space-estimates";
import { newDiskBytes } from "@/lib/storage-domains/space-estimates";
import type { NewDiskInput } from "@/lib/schemas/disk";

// The fields of one new disk (alias, size, format, allocation, interface, bootable, domain),
// used by the New VM wizard (one per disk row) and the Add Disk dialog.

type DiskErrors = FieldErrors<NewDiskInput> | undefined;

interface Props<TForm extends FieldValues> {
  /** Where the disk sits in the form ("disks.2"), or "" when the form is the disk. */
  prefix: string;
  // biome-ignore lint/suspicious/noExplicitAny: react-hook-form types the context and transformed values loosely here
  control: Control<TForm, any, any>;
  errors: DiskErrors;
  disk: Partial<NewDiskInput>;
  domains: DomainSpace[];
  otherNeeds: Record<string, number>;
  idPrefix: string;
}

export function DiskFields<TForm extends FieldValues>({ prefix, control, errors, disk, domains, otherNeeds, idPrefix }: Props<TForm>) {
  const name = (field: keyof NewDiskInput) => (prefix ? `${prefix}.${field}` : field) as Path<TForm>;
  const id = (field: string) => `${idPrefix}-${field}`;
  const needed = newDiskBytes({ provisionedSize: Number(disk.provisionedSize) || 0, allocation: disk.allocation ?? "thin" });
  return (
    <div className="grid grid-cols-2 gap-2 md:grid-cols-4">
      <Field label="Alias" htmlFor={id("alias")} error={errors?.alias?.message}>
        <Controller control={control} name={name("alias")} render={({ field }) => <input id={id("alias")} className={inputClass} aria-invalid={!!errors?.alias} {...field} value={field.value ?? ""} />} />
      </Field>
      <Field label="Size" htmlFor={id("size")} error={errors?.provisionedSize?.message}>
        <Controller control={control} name={name("provisionedSize")} render={({ field }) => <SizeInput id={id("size")} value={field.value} onChange={field.onChange} invalid={!!errors?.provisionedSize} />} />
      </Field>
      <Field label="Format" htmlFor={id("format")}>
        <Controller
          control={control}
          name={name("format")}
          render={({ field }) => (
            <select id={id("format")} className={inputClass} {...field}>
              <option value="qcow2">qcow2 (COW)</option>
              <option value="raw">raw</option>
            </select>
          )}
        />
      </Field>
      <Field label="Allocation" htmlFor={id("allocation")}>
        <Controller
          control={control}
          name={name("allocation")}
          render={({ field }) => (
            <select id={id("allocation")} className={inputClass} {...field}>
              <option value="thin">Thin provision</option>
              <option value="preallocated">Preallocated</option>
            </select>
          )}
        />
      </Field>
      <Field label="Interface" htmlFor={id("interface")}>
        <Controller
          control={control}
          name={name("interface")}
          render={({ field }) => (
            <select id={id("interface")} className={inputClass} {...field}>
              <option value="virtio">VirtIO</option>
              <option value="virtio_scsi">VirtIO-SCSI</option>
              <option value="sata">SATA</option>
            </select>
          )}
        />
      </Field>
      <div className="flex items-end pb-1">
        <Controller
          control={control}
          name={name("bootable")}
          render={({ field }) => (
            <label className="flex items-center gap-1 text-sm">
              <input type="checkbox" checked={!!field.value} onChange={(e) => field.onChange(e.target.checked)} /> Bootable
            </label>
          )}
        />
      </div>
      <div className="col-span-2">
        <Field label="Storage domain" htmlFor={id("domain")} error={errors?.storageDomainId?.message}>
          <Controller
            control={control}
            name={name("storageDomainId")}
            render={({ field }) => <StorageDomainPicker id={id("domain")} domains={domains} value={field.value ?? ""} onChange={field.onChange} neededBytes={needed} provisionedBytes={Number(disk.provisionedSize) || 0} otherNeeds={otherNeeds} invalid={!!errors?.storageDomainId} />}
          />
        </Field>
      </div>
    </div>
  );
}

/** Bytes each domain receives from the disks of a form, except the one at `skip`. */
export function needsByDomain(disks: Partial<NewDiskInput>[], skip: number) {
  const needs: Record<string, number> = {};
  disks.forEach((d, i) => {
    if (i === skip || !d.storageDomainId) return;
    needs[d.storageDomainId] = (needs[d.storageDomainId] ?? 0) + newDiskBytes({ provisionedSize: Number(d.provisionedSize) || 0, allocation: d.allocation ?? "thin" });
  });
  return needs;
}
