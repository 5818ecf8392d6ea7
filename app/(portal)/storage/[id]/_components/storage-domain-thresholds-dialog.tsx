"use client";

import { useState } from "react";
import { ConfirmActionButton } from "@/components/confirm-action-button";
import { Field, inputClass } from "@/components/ui/field";
import { updateStorageDomainAction } from "@/app/actions/storage-domain-actions";

/** Edits the warning (% free) and critical (GiB free) space thresholds of a domain. */
export function StorageDomainThresholdsDialog({ domain }: { domain: { id: string; name: string; warningLowSpacePct: number; criticalSpaceGb: number } }) {
  const [warning, setWarning] = useState(domain.warningLowSpacePct);
  const [critical, setCritical] = useState(domain.criticalSpaceGb);
  return (
    <ConfirmActionButton label="Thresholds" title={`Space thresholds of ${domain.name}`} confirmLabel="Save" action={() => updateStorageDomainAction({ storageDomainId: domain.id, warningLowSpacePct: warning, criticalSpaceGb: critical })}>
      <Field label="Warning low space (% free)" htmlFor="threshold-warning">
        <input id="threshold-warning" type="number" className={inputClass} value={warning} onChange={(e) => setWarning(e.target.valueAsNumber)} />
      </Field>
      <Field label="Critical space blocker (GiB free)" htmlFor="threshold-critical">
        <input id="threshold-critical" type="number" className={inputClass} value={critical} onChange={(e) => setCritical(e.target.valueAsNumber)} />
      </Field>
    </ConfirmActionButton>
  );
}
