"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { StorageDomainPicker } from "@/components/storage-domain-picker";
import { followJob } from "@/components/forms/follow-job";
import { formatBytes } from "@/lib/format";
import { copyBytes, type DomainSpace } from "@/lib/storage-domains/space-estimates";
import type { ActionResult } from "@/lib/action-result";
import type { ImportOvaInput } from "@/lib/schemas/import-export";

interface OvaContent {
  kind: "vm" | "template";
  name: string;
  disks: { diskId: string; alias: string; provisionedSize: number; actualSize: number }[];
}

/**
 * Imports the VM or template an .ova holds (from the OVA folders) as a new one: the file is read
 * first, then each of its disks gets its own target domain.
 */
export function OvaImportDialog({
  files,
  domains,
  inspectOvaAction,
  importOvaAction,
}: {
  files: { path: string; name: string; sizeBytes: number }[];
  domains: DomainSpace[];
  inspectOvaAction: (input: { path: string }) => Promise<ActionResult<OvaContent>>;
  importOvaAction: (input: ImportOvaInput) => Promise<ActionResult<{ jobId: string }>>;
}) {
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState("");
  const [content, setContent] = useState<OvaContent | null>(null);
  const [name, setName] = useState("");
  const [targets, setTargets] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const router = useRouter();
  const dataDomains = domains.filter((d) => d.type === "data");

  async function choose(path: string) {
    setFile(path);
    setContent(null);
    setError(null);
    if (!path) return;
    const read = await inspectOvaAction({ path }).catch(() => null);
    if (!read?.ok) return setError(read?.message ?? "The server could not be reached; try again.");
    setContent(read.data);
    setName(`${read.data.name}-imported`);
    setTargets({});
  }

  async function submit() {
    if (!content) return setError("Choose an OVA file.");
    const missing = content.disks.filter((d) => !targets[d.diskId]);
    if (missing.length) return setError(`Choose a storage domain for disk ${missing.map((d) => d.alias).join(", ")}.`);
    setBusy(true);
    const result = await importOvaAction({ path: file, name, disks: content.disks.map((d) => ({ diskId: d.diskId, storageDomainId: targets[d.diskId] })) }).catch(() => null);
    setBusy(false);
    if (!result?.ok) return setError(result?.message ?? "The server could not be reached; try again.");
    followJob(result.data.jobId);
    setOpen(false);
    router.refresh();
  }

  const needs = (skip: string) => {
    const sums: Record<string, number> = {};
    for (const disk of content?.disks ?? []) if (disk.diskId !== skip && targets[disk.diskId]) sums[targets[disk.diskId]] = (sums[targets[disk.diskId]] ?? 0) + copyBytes(disk.actualSize);
    return sums;
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>Import OVA</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Import from OVA" wide>
        <div className="space-y-3">
          <FormError message={error} />
          <Field label="OVA file" htmlFor="ova-file" hint={files.length ? undefined : "No .ova files in the OVA folders yet."}>
            <select id="ova-file" className={inputClass} value={file} onChange={(e) => void choose(e.target.value)}>
              <option value="">Choose…</option>
              {files.map((f) => (
                <option key={f.path} value={f.path}>
                  {f.name} ({formatBytes(f.sizeBytes)})
                </option>
              ))}
            </select>
          </Field>
          {content && (
            <>
              <p className="text-sm text-slate-600">
                A {content.kind === "vm" ? "VM" : "template"}, {content.name}, with {content.disks.length} disk(s).
              </p>
              <Field label={content.kind === "vm" ? "Name of the new VM" : "Name of the new template"} htmlFor="ova-name">
                <input id="ova-name" className={inputClass} value={name} onChange={(e) => setName(e.target.value)} />
              </Field>
              {content.disks.map((disk) => (
                <Field key={disk.diskId} label={`Storage domain for ${disk.alias} (${formatBytes(disk.provisionedSize)})`} htmlFor={`ova-disk-${disk.diskId}`}>
                  <StorageDomainPicker
                    id={`ova-disk-${disk.diskId}`}
                    domains={dataDomains}
                    value={targets[disk.diskId] ?? ""}
                    onChange={(id) => setTargets((t) => ({ ...t, [disk.diskId]: id }))}
                    neededBytes={copyBytes(disk.actualSize)}
                    provisionedBytes={disk.provisionedSize}
                    otherNeeds={needs(disk.diskId)}
                  />
                </Field>
              ))}
            </>
          )}
          <div className="flex justify-end gap-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button variant="primary" disabled={busy || !content} onClick={submit}>
              {busy ? "Importing…" : "Import"}
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
