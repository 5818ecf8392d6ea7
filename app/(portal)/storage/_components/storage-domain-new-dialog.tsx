"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { submitAction } from "@/components/forms/submit-action";
import { addStorageDomainSchema, type AddStorageDomainInput } from "@/lib/schemas/storage-domain";
import { addStorageDomainAction } from "@/app/actions/storage-domain-actions";
import { StorageTypeSelect } from "./storage-type-select";

// The domain is laid out in the directory; nothing is mounted or created above it.
const pathHints: Record<string, string> = {
  nfs: "The path must be an existing mount point of the NFS export, and empty.",
  posixfs: "The path must be an existing mount point of the filesystem (e.g. a mounted device), and empty.",
  localfs: "The path must be an existing, empty directory on this host.",
};

/** A new storage domain on an empty directory of this host (an NFS/POSIX mount point, or local). */
export function StorageDomainNewDialog() {
  const [open, setOpen] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const router = useRouter();
  const form = useForm<AddStorageDomainInput>({ resolver: zodResolver(addStorageDomainSchema), defaultValues: { name: "", description: "", type: "data", storageType: "nfs", path: "", warningLowSpacePct: 10, criticalSpaceGb: 5 } });
  const errors = form.formState.errors;
  const storageType = form.watch("storageType") ?? "localfs";
  const onSubmit = form.handleSubmit(async (values) => {
    if (!(await submitAction(form, setTopError, () => addStorageDomainAction(values)))) return;
    setOpen(false);
    form.reset();
    router.refresh();
  }, () => setTopError(null)); // an invalid submit clears a banner left by the previous one
  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)}>
        New domain
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New Storage Domain">
        <form onSubmit={onSubmit} noValidate className="grid grid-cols-2 gap-2">
          <div className="col-span-2">
            <FormError message={topError} />
          </div>
          <Field label="Name" htmlFor="sd-name" error={errors.name?.message}>
            <input id="sd-name" className={inputClass} aria-invalid={!!errors.name} {...form.register("name")} />
          </Field>
          <Field label="Type" htmlFor="sd-type">
            <select id="sd-type" className={inputClass} {...form.register("type")}>
              <option value="data">Data</option>
              <option value="export">Export</option>
              <option value="iso">ISO</option>
            </select>
          </Field>
          <div className="col-span-2">
            <Field label="Storage type" htmlFor="sd-storage-type" hint={pathHints[storageType]}>
              <StorageTypeSelect id="sd-storage-type" {...form.register("storageType")} />
            </Field>
          </div>
          <div className="col-span-2">
            <Field label="Directory (absolute path)" htmlFor="sd-path" error={errors.path?.message}>
              <input id="sd-path" className={inputClass} aria-invalid={!!errors.path} placeholder="/srv/storage/nfs-3" {...form.register("path")} />
            </Field>
          </div>
          <Field label="Warning low space (%)" htmlFor="sd-warning" error={errors.warningLowSpacePct?.message}>
            <input id="sd-warning" type="number" className={inputClass} {...form.register("warningLowSpacePct", { valueAsNumber: true })} />
          </Field>
          <Field label="Critical space blocker (GiB)" htmlFor="sd-critical" error={errors.criticalSpaceGb?.message}>
            <input id="sd-critical" type="number" className={inputClass} {...form.register("criticalSpaceGb", { valueAsNumber: true })} />
          </Field>
          <DialogActions onCancel={() => setOpen(false)} submitLabel="Add domain" busy={form.formState.isSubmitting} />
        </form>
      </Dialog>
    </>
  );
}
