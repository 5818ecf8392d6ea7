"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { ProgressBar } from "@/components/ui/progress-bar";
import { StorageDomainPicker } from "@/components/storage-domain-picker";
import { followJob } from "@/components/forms/follow-job";
import { imageFileShape, sendImageFile } from "@/components/forms/upload-image";
import { formatBytes } from "@/lib/format";
import { MiB } from "@/lib/schemas/common";
import { uploadDiskSchema, type UploadDiskInput } from "@/lib/schemas/image-transfer";
import { newDiskBytes, type DomainSpace } from "@/lib/storage-domains/space-estimates";
import type { ActionResult } from "@/lib/action-result";

type Start = (input: UploadDiskInput) => Promise<ActionResult<{ transferId: string; ticket: string; transferJobId: string }>>;
type OnTransfer = (input: { transferId: string }) => Promise<ActionResult<unknown>>;

interface Progress {
  sent: number;
  total: number;
}

/**
 * Uploads an image file (qcow2 or raw) into a new disk on the chosen domain: the disk is sized
 * from the image, the browser sends the data with imageio's protocol while the dialog shows the
 * progress, and Cancel stops it (the disk and its files are removed). Finalizing hands over to
 * a job (a toast follows it): qemu-img check, then the conversion to the disk's format.
 */
export function DiskUploadDialog({ domains, startUploadAction, finalizeTransferAction, cancelTransferAction }: { domains: DomainSpace[]; startUploadAction: Start; finalizeTransferAction: OnTransfer; cancelTransferAction: OnTransfer }) {
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [topError, setTopError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const running = useRef<{ transferId: string; abort: AbortController } | null>(null);
  const router = useRouter();
  const form = useForm<UploadDiskInput>({ resolver: zodResolver(uploadDiskSchema), defaultValues: { alias: "", provisionedSize: 0, format: "qcow2", allocation: "thin", storageDomainId: "" } });
  const values = form.watch();
  const errors = form.formState.errors;

  async function chooseFile(chosen: File | null) {
    setFile(chosen);
    setFileError(null);
    if (!chosen) return;
    const shape = await imageFileShape(chosen);
    // A disk is whole MiB; a raw image that is not grows to the next one.
    form.setValue("provisionedSize", Math.max(MiB, Math.ceil(shape.virtualSize / MiB) * MiB));
    form.setValue("format", shape.format);
    if (!form.getValues("alias")) form.setValue("alias", chosen.name.replace(/\.(qcow2|img|raw|iso)$/i, ""));
  }

  const onSubmit = form.handleSubmit(
    async (input) => {
      if (!file) return setFileError("Choose an image file to upload.");
      setTopError(null);
      const started = await startUploadAction(input).catch(() => null);
      if (!started?.ok) {
        if (started) for (const [field, message] of Object.entries(started.fieldErrors)) form.setError(field.replace(/^newDisk\./, "") as keyof UploadDiskInput, { type: "server", message });
        return setTopError(started ? started.message : "The server could not be reached; try again.");
      }
      router.refresh(); // the new disk shows, locked, while its data arrives
      const abort = new AbortController();
      running.current = { transferId: started.data.transferId, abort };
      setProgress({ sent: 0, total: file.size });
      try {
        await sendImageFile(file, started.data.ticket, (sent) => setProgress({ sent, total: file.size }), abort.signal);
        const finalized = await finalizeTransferAction({ transferId: started.data.transferId });
        if (!finalized.ok) throw new Error(finalized.message);
        followJob(started.data.transferJobId);
        close();
      } catch (error) {
        if (!abort.signal.aborted) {
          await cancelTransferAction({ transferId: started.data.transferId }).catch(() => undefined);
          setTopError(`The upload failed: ${(error as Error).message} Nothing was kept.`);
        }
        setProgress(null);
      } finally {
        running.current = null;
        router.refresh();
      }
    },
    () => {
      setTopError(null); // an invalid submit clears a banner left by the previous one
      if (!file) setFileError("Choose an image file to upload.");
    },
  );

  function close() {
    setOpen(false);
    setProgress(null);
    setFile(null);
    form.reset();
  }

  async function cancel() {
    const current = running.current;
    if (!current) return close();
    current.abort.abort();
    await cancelTransferAction({ transferId: current.transferId }).catch(() => undefined);
    close();
    router.refresh();
  }

  const busy = form.formState.isSubmitting;
  return (
    <>
      <Button onClick={() => setOpen(true)}>Upload</Button>
      <Dialog open={open} onClose={cancel} title="Upload image" wide>
        <form onSubmit={onSubmit} noValidate className="space-y-3">
          <FormError message={topError} />
          <Field label="Image file (qcow2 or raw)" htmlFor="upload-file" error={fileError ?? undefined}>
            <input id="upload-file" type="file" className={inputClass} aria-invalid={!!fileError} disabled={busy} onChange={(e) => void chooseFile(e.target.files?.[0] ?? null)} />
          </Field>
          {file && (
            <p className="text-xs text-slate-600">
              {file.name}: {formatBytes(file.size)}; the disk will be {formatBytes(values.provisionedSize)} ({values.format}).
            </p>
          )}
          <div className="grid grid-cols-2 gap-2">
            <Field label="Alias" htmlFor="upload-alias" error={errors.alias?.message}>
              <Controller control={form.control} name="alias" render={({ field }) => <input id="upload-alias" className={inputClass} aria-invalid={!!errors.alias} disabled={busy} {...field} />} />
            </Field>
            <Field label="Disk format" htmlFor="upload-format">
              <Controller
                control={form.control}
                name="format"
                render={({ field }) => (
                  <select id="upload-format" className={inputClass} disabled={busy} {...field}>
                    <option value="qcow2">qcow2 (COW)</option>
                    <option value="raw">raw</option>
                  </select>
                )}
              />
            </Field>
          </div>
          <Field label="Storage domain" htmlFor="upload-domain" error={errors.storageDomainId?.message ?? (file ? errors.provisionedSize?.message : undefined)}>
            <Controller
              control={form.control}
              name="storageDomainId"
              render={({ field }) => (
                <StorageDomainPicker
                  id="upload-domain"
                  domains={domains}
                  value={field.value}
                  onChange={field.onChange}
                  neededBytes={Math.max(file?.size ?? 0, newDiskBytes({ provisionedSize: values.provisionedSize || 0, allocation: values.allocation ?? "thin" }))}
                  provisionedBytes={values.provisionedSize || 0}
                  invalid={!!errors.storageDomainId}
                />
              )}
            />
          </Field>
          {progress && (
            <div className="space-y-1" aria-live="polite">
              <ProgressBar value={(progress.sent / Math.max(progress.total, 1)) * 100} label="Upload progress" />
              <p className="text-xs text-slate-600">
                Sent {formatBytes(progress.sent)} of {formatBytes(progress.total)}
              </p>
            </div>
          )}
          <div className="flex justify-end gap-2">
            <Button type="button" onClick={cancel}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" disabled={busy}>
              {busy ? "Uploading…" : "Upload"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
