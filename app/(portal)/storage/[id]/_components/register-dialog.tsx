"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { submitAction } from "@/components/forms/submit-action";
import { registerEntitySchema, type RegisterEntityInput } from "@/lib/schemas/storage-domain";
import { registerEntityAction } from "@/app/actions/storage-domain-actions";
import type { RegisterCandidate } from "@/lib/storage-domains/register-candidates";

const KIND = { vm: "VM", template: "template", disk: "disk" } as const;

/** Registers an unregistered VM, template or floating disk: its disks come back where they are. */
export function RegisterDialog({ storageDomainId, item, clusters }: { storageDomainId: string; item: RegisterCandidate; clusters: { id: string; name: string }[] }) {
  const [open, setOpen] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const router = useRouter();
  const form = useForm<RegisterEntityInput>({ resolver: zodResolver(registerEntitySchema) });
  const errors = form.formState.errors;
  const away = item.disks.filter((d) => !d.available);

  function openDialog() {
    form.reset({ storageDomainId, entityId: item.id, clusterId: item.kind === "disk" || item.inPortal ? undefined : clusters[0]?.id, name: item.kind === "disk" || item.inPortal ? undefined : item.name, allowPartialImport: false });
    setTopError(null);
    setOpen(true);
  }
  const onSubmit = form.handleSubmit(async (values) => {
    const data = await submitAction(form, setTopError, () => registerEntityAction(values));
    if (!data) return;
    setOpen(false);
    toast.success(`${KIND[data.kind]} ${item.name} registered${data.missing.length ? `, without ${data.missing.join(", ")}` : ""}.`);
    router.push(data.kind === "vm" ? `/vms/${data.id}?tab=disks` : data.kind === "template" ? `/templates/${data.id}` : `/disks?search=${encodeURIComponent(item.name)}`);
  }, () => setTopError(null));
  return (
    <>
      <Button onClick={openDialog}>Register {item.name}</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Register ${KIND[item.kind]} ${item.name}`} wide>
        <form onSubmit={onSubmit} noValidate className="space-y-3">
          <FormError message={topError} />
          {item.inPortal && <p className="text-sm">{item.name} is still in the portal (it kept disks on other domains): its disks on this domain are added back to it.</p>}
          {item.kind !== "disk" && !item.inPortal && (
            <>
              <Field label="Name" htmlFor="register-name" error={errors.name?.message} hint="Change it when another already has this name">
                <input id="register-name" className={inputClass} aria-invalid={!!errors.name} {...form.register("name")} />
              </Field>
              <Field label="Cluster" htmlFor="register-cluster" error={errors.clusterId?.message}>
                <select id="register-cluster" className={inputClass} {...form.register("clusterId")}>
                  {clusters.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </Field>
            </>
          )}
          <ul className="list-inside list-disc text-sm">
            {item.disks.map((d) => (
              <li key={d.diskId}>
                {d.alias}: {d.where}
              </li>
            ))}
          </ul>
          {away.length > 0 && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" {...form.register("allowPartialImport")} /> Register without {away.map((d) => d.alias).join(", ")} (partial import)
            </label>
          )}
          <DialogActions onCancel={() => setOpen(false)} submitLabel="Register" busy={form.formState.isSubmitting} />
        </form>
      </Dialog>
    </>
  );
}
