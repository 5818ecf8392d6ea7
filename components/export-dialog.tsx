"use client";

import { useState } from "react";
import { ConfirmActionButton } from "@/components/confirm-action-button";
import { Field, inputClass } from "@/components/ui/field";
import { formatBytes } from "@/lib/format";
import type { DomainSpace } from "@/lib/storage-domains/space-estimates";
import type { ActionResult } from "@/lib/action-result";
import type { ExportInput } from "@/lib/schemas/import-export";

/** Export a VM or template to an export domain (its disks collapsed, plus the OVF). */
export function ExportDialog({
  id,
  exportDomains,
  kind,
  exportAction,
  neededBytes,
}: {
  id: string;
  exportDomains: DomainSpace[];
  kind: "vm" | "template";
  exportAction: (kind: "vm" | "template", input: ExportInput) => Promise<ActionResult<unknown>>;
  /** What the export writes: the disks' allocated sizes, collapsed. */
  neededBytes: number;
}) {
  const [domainId, setDomainId] = useState(exportDomains[0]?.id ?? "");
  const [overwrite, setOverwrite] = useState(false);
  return (
    <ConfirmActionButton label="Export" title={kind === "vm" ? "Export VM" : "Export Template"} confirmLabel="Export" disabled={!exportDomains.length} action={() => exportAction(kind, { id, storageDomainId: domainId, overwrite })}>
      <Field label="Export domain" htmlFor="export-domain">
        <select id="export-domain" className={inputClass} value={domainId} onChange={(e) => setDomainId(e.target.value)}>
          {exportDomains.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.status}) — {formatBytes(d.freeBytes)} free → {formatBytes(d.freeBytes - d.reservedBytes - neededBytes)} after
            </option>
          ))}
        </select>
      </Field>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} /> Replace an earlier export
      </label>
    </ConfirmActionButton>
  );
}
