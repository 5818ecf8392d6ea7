"use client";

// A list's filter or order picker (Events severity, Jobs status and order, Users order): a small
// labelled select whose choice the caller writes to the URL.

export interface ListChoice {
  value: string;
  label: string;
}

export function ListSelect({ label, ariaLabel, value, choices, onChange }: { label: string; ariaLabel?: string; value: string; choices: ListChoice[]; onChange: (value: string) => void }) {
  return (
    <label className="flex items-center gap-1 text-sm">
      {label}
      <select aria-label={ariaLabel ?? label} value={value} onChange={(e) => onChange(e.target.value)} className="rounded border border-slate-300 bg-white px-1 py-1 text-sm">
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}
