"use client";

import { formatBytes } from "@/lib/format";
import { placementRefusal, type DomainSpace } from "@/lib/storage-domains/space-estimates";
import { inputClass } from "@/components/ui/field";

// A storage domain select that shows each domain's free space now and after this operation,
// and marks (disabled, with the reason) every domain that cannot take it.

/**
 * "nfs-gold — 5.1 GiB free (1 GiB reserved) → 3.9 GiB after; committed 20 → 120 GiB (150 % of
 * 80 GiB)": the reserved bytes (what jobs in flight still write there) are named because the
 * server counts them against this placement; a thin disk barely takes space now but commits its
 * whole virtual size, which the committed figure shows.
 */
export function domainSpaceLabel(d: DomainSpace, needBytes: number, provisionedBytes = 0) {
  const reserved = d.reservedBytes > 0 ? ` (${formatBytes(d.reservedBytes)} reserved)` : "";
  const space = `${d.name} — ${formatBytes(d.freeBytes)} free${reserved} → ${formatBytes(d.freeBytes - d.reservedBytes - needBytes)} after`;
  if (provisionedBytes <= 0 || d.totalBytes <= 0) return space;
  const committed = d.committedBytes + provisionedBytes;
  return `${space}; committed ${formatBytes(d.committedBytes)} → ${formatBytes(committed)} (${Math.round((committed / d.totalBytes) * 100)} % of ${formatBytes(d.totalBytes)})`;
}

interface Props {
  id: string;
  domains: DomainSpace[];
  value: string;
  onChange: (id: string) => void;
  /** Bytes this placement adds to the chosen domain. */
  neededBytes: number;
  /** Virtual size this placement commits on the chosen domain (thin overcommit). */
  provisionedBytes?: number;
  /** Bytes the rest of the form already places on each domain. */
  otherNeeds?: Record<string, number>;
  /** Domains not offered at all (e.g. the disk's current one). */
  exclude?: Record<string, string>;
  /** Extra reasons a domain cannot take this placement (e.g. no copy of the template disk). */
  refuse?: Record<string, string>;
  invalid?: boolean;
  name?: string;
}

export function StorageDomainPicker({ id, domains, value, onChange, neededBytes, provisionedBytes = 0, otherNeeds = {}, exclude = {}, refuse = {}, invalid, name }: Props) {
  const chosen = domains.find((d) => d.id === value);
  const reasonFor = (d: DomainSpace) => refuse[d.id] ?? placementRefusal(d, neededBytes + (otherNeeds[d.id] ?? 0), provisionedBytes);
  const refusal = chosen ? reasonFor(chosen) : null;
  return (
    <div>
      <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid || !!refusal} aria-describedby={refusal ? `${id}-refusal` : undefined} className={inputClass}>
        <option value="">Choose a storage domain…</option>
        {domains
          .filter((d) => !(d.id in exclude))
          .map((d) => {
            const need = neededBytes + (otherNeeds[d.id] ?? 0);
            const reason = reasonFor(d);
            return (
              <option key={d.id} value={d.id} disabled={!!reason && d.id !== value}>
                {domainSpaceLabel(d, need, provisionedBytes)}
                {reason ? ` (refused: ${reason})` : ""}
              </option>
            );
          })}
      </select>
      {chosen && refusal && (
        <p id={`${id}-refusal`} role="alert" className="text-xs text-red-700">
          {chosen.name} cannot take this disk: {refusal}.
        </p>
      )}
    </div>
  );
}
