"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { FormError } from "@/components/ui/field";
import { DiskFields } from "@/components/forms/disk-fields";
import { submitAction } from "@/components/forms/submit-action";
import { addDiskSchema, type AddDiskInput } from "@/lib/schemas/disk";
import type { DomainSpace } from "@/lib/storage-domains/space-estimates";
import type { ActionResult } from "@/lib/action-result";

/** A new disk on the chosen domain, for a VM (vmId) or floating. */
export function DiskAddDialog({ vmId, domains, label = "Add disk", addDiskAction }: { vmId?: string; domains: DomainSpace[]; label?: string; addDiskAction: (input: AddDiskInput) => Promise<ActionResult<unknown>> }) {
  const [open, setOpen] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const router = useRouter();
  const form = useForm<AddDiskInput>({
    resolver: zodResolver(addDiskSchema),
    defaultValues: { vmId, alias: "", description: "", provisionedSize: 10 * 1024 ** 3, format: "qcow2", allocation: "thin", interface: "virtio", bootable: false, shareable: false, storageDomainId: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    if (!(await submitAction(form, setTopError, () => addDiskAction(values)))) return;
    setOpen(false);
    form.reset();
    router.refresh();
  }, () => setTopError(null)); // an invalid submit clears a banner left by the previous one
  return (
    <>
      <Button onClick={() => setOpen(true)}>{label}</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={vmId ? "Add Virtual Disk" : "New floating disk"} wide>
        <form onSubmit={onSubmit} noValidate className="space-y-3">
          <FormError message={topError} />
          <DiskFields prefix="" idPrefix="add-disk" control={form.control} errors={form.formState.errors} disk={form.watch()} domains={domains} otherNeeds={{}} />
          <DialogActions onCancel={() => setOpen(false)} submitLabel="Add disk" busy={form.formState.isSubmitting} />
        </form>
      </Dialog>
    </>
  );
}
