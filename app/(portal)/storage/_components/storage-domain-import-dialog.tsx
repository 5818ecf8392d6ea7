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
import { importStorageDomainSchema, type ImportStorageDomainInput } from "@/lib/schemas/storage-domain";
import { importStorageDomainAction } from "@/app/actions/storage-domain-actions";
import { StorageTypeSelect } from "./storage-type-select";

/** Brings back a domain whose files are already at a path (detached elsewhere, or removed without format). */
export function StorageDomainImportDialog({ dataCenters }: { dataCenters: { id: string; name: string }[] }) {
  const [open, setOpen] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const router = useRouter();
  const form = useForm<ImportStorageDomainInput>({ resolver: zodResolver(importStorageDomainSchema), defaultValues: { path: "", storageType: "nfs", dataCenterId: dataCenters[0]?.id } });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    const data = await submitAction(form, setTopError, () => importStorageDomainAction(values));
    if (!data) return;
    setOpen(false);
    form.reset();
    router.push(`/storage/${data.id}`);
  }, () => setTopError(null)); // an invalid submit clears a banner left by the previous one
  return (
    <>
      <Button onClick={() => setOpen(true)}>Import domain</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Import Storage Domain">
        <form onSubmit={onSubmit} noValidate className="space-y-2">
          <FormError message={topError} />
          <Field label="Storage type" htmlFor="sd-import-storage-type">
            <StorageTypeSelect id="sd-import-storage-type" {...form.register("storageType")} />
          </Field>
          <Field label="Path" htmlFor="sd-import-path" error={errors.path?.message} hint="The directory (for NFS and POSIX, the mount point) that holds the domain's folder <uuid>/dom_md. Its name, type and id come from that metadata.">
            <input id="sd-import-path" className={inputClass} aria-invalid={!!errors.path} placeholder="/srv/storage/nfs-3" {...form.register("path")} />
          </Field>
          <Field label="Attach to data center" htmlFor="sd-import-dc" error={errors.dataCenterId?.message}>
            {/* "" = leave it unattached; the schema takes no data center then. */}
            <select id="sd-import-dc" className={inputClass} {...form.register("dataCenterId", { setValueAs: (v: string) => v || undefined })}>
              {dataCenters.map((dc) => (
                <option key={dc.id} value={dc.id}>
                  {dc.name}
                </option>
              ))}
              <option value="">Leave unattached</option>
            </select>
          </Field>
          <DialogActions onCancel={() => setOpen(false)} submitLabel="Import" busy={form.formState.isSubmitting} />
        </form>
      </Dialog>
    </>
  );
}
