"use client";

import { useState } from "react";
import { ConfirmActionButton } from "@/components/confirm-action-button";
import { Field, inputClass } from "@/components/ui/field";
import { updateStorageDomainAction } from "@/app/actions/storage-domain-actions";

interface Domain {
  id: string;
  name: string;
  warningLowSpacePct: number;
  criticalSpaceGb: number;
  maxOvercommitPct: number | null;
}

/** Edits the warning (% free) and critical (GiB free) space thresholds and the overcommit limit of a domain. */
export function StorageDomainThresholdsDialog({ domain }: { domain: Domain }) {
  const [warning, setWarning] = useState(domain.warningLowSpacePct);
  const [critical, setCritical] = useState(domain.criticalSpaceGb);
  // Kept as typed: an empty field means "no limit" (null), not 0.
  const [overcommit, setOvercommit] = useState(domain.maxOvercommitPct === null ? "" : String(domain.maxOvercommitPct));
  const maxOvercommitPct = overcommit.trim() === "" ? null : Number(overcommit);
  return (
    <ConfirmActionButton label="Thresholds" title={`Space thresholds of ${domain.name}`} confirmLabel="Save" action={() => updateStorageDomainAction({ storageDomainId: domain.id, warningLowSpacePct: warning, criticalSpaceGb: critical, maxOvercommitPct })}>
      <Field label="Warning low space (% free)" htmlFor="threshold-warning">
        <input id="threshold-warning" type="number" className={inputClass} value={warning} onChange={(e) => setWarning(e.target.valueAsNumber)} />
      </Field>
      <Field label="Critical space blocker (GiB free)" htmlFor="threshold-critical">
        <input id="threshold-critical" type="number" className={inputClass} value={critical} onChange={(e) => setCritical(e.target.valueAsNumber)} />
      </Field>
      <Field label="Max overcommit %" htmlFor="threshold-overcommit" hint="Provisioned sizes placed here may reach this % of the domain's size (thin disks). Empty = no limit.">
        <input id="threshold-overcommit" type="number" min={1} className={inputClass} value={overcommit} placeholder="no limit" onChange={(e) => setOvercommit(e.target.value)} />
      </Field>
    </ConfirmActionButton>
  );
}
