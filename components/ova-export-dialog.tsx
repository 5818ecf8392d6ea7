"use client";

import { useState } from "react";
import { ConfirmActionButton } from "@/components/confirm-action-button";
import { Field, inputClass } from "@/components/ui/field";
import { formatBytes } from "@/lib/format";
import type { ActionResult } from "@/lib/action-result";
import type { ExportOvaInput } from "@/lib/schemas/import-export";

/** Export a VM or template as one .ova file into an OVA folder (its disks collapsed, plus the OVF). */
export function OvaExportDialog({
  id,
  name,
  kind,
  folders,
  neededBytes,
  exportOvaAction,
  disabledReason,
}: {
  id: string;
  name: string;
  kind: "vm" | "template";
  /** The OVA folders (OVA_DIRS). */
  folders: string[];
  neededBytes: number;
  exportOvaAction: (kind: "vm" | "template", input: ExportOvaInput) => Promise<ActionResult<unknown>>;
  disabledReason?: string | null;
}) {
  const [directory, setDirectory] = useState(folders[0] ?? "");
  const [filename, setFilename] = useState(`${name}.ova`);
  return (
    <ConfirmActionButton
      label="Export as OVA"
      title={kind === "vm" ? "Export VM as OVA" : "Export Template as OVA"}
      confirmLabel="Export"
      disabledReason={disabledReason}
      action={() => exportOvaAction(kind, { id, directory, filename })}
    >
      <Field label="Folder" htmlFor="ova-folder">
        <select id="ova-folder" className={inputClass} value={directory} onChange={(e) => setDirectory(e.target.value)}>
          {folders.map((folder) => (
            <option key={folder} value={folder}>
              {folder}
            </option>
          ))}
        </select>
      </Field>
      <Field label="File name" htmlFor="ova-filename" hint={`About ${formatBytes(neededBytes)}: each disk collapsed into one qcow2, with the OVF, in one tar.`}>
        <input id="ova-filename" className={inputClass} value={filename} onChange={(e) => setFilename(e.target.value)} />
      </Field>
    </ConfirmActionButton>
  );
}
