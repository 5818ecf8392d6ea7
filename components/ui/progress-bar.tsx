export function ProgressBar({ value, label }: { value: number; label: string }) {
  const clamped = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="flex items-center gap-2">
      <div role="progressbar" aria-label={label} aria-valuenow={clamped} aria-valuemin={0} aria-valuemax={100} className="h-2 w-28 overflow-hidden rounded bg-slate-200">
        <div className="h-full bg-sky-500 transition-all" style={{ width: `${clamped}%` }} />
      </div>
      <span className="text-xs tabular-nums text-slate-600">{clamped}%</span>
    </div>
  );
}
