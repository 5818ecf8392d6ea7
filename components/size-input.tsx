"use client";

import { inputClass } from "@/components/ui/field";
import { GiB } from "@/lib/schemas/common";

/** Edits a size held in bytes (as the schemas want it) in GiB, as administrators think of it. */
export function SizeInput({ id, value, onChange, invalid }: { id: string; value: number | undefined; onChange: (bytes: number) => void; invalid?: boolean }) {
  return (
    <div className="flex items-center gap-1">
      <input
        id={id}
        type="number"
        min={0}
        step="any"
        inputMode="decimal"
        aria-invalid={invalid}
        className={inputClass}
        value={value === undefined || Number.isNaN(value) ? "" : value / GiB}
        onChange={(e) => onChange(e.target.value === "" ? Number.NaN : Math.round(Number(e.target.value) * GiB))}
      />
      <span className="text-xs text-slate-600">GiB</span>
    </div>
  );
}
