import { formatBytes } from "@/lib/format";

// Used space with the warning (amber) and critical (red) thresholds marked.
export function UsageBar({ totalBytes, freeBytes, warningLowSpacePct, criticalSpaceGb, label }: { totalBytes: number; freeBytes: number; warningLowSpacePct: number; criticalSpaceGb: number; label: string }) {
  if (!totalBytes) return <span className="text-xs text-slate-500">unknown</span>;
  const usedPct = ((totalBytes - freeBytes) / totalBytes) * 100;
  const critical = freeBytes < criticalSpaceGb * 1024 ** 3;
  const low = (freeBytes / totalBytes) * 100 < warningLowSpacePct;
  const color = critical ? "bg-red-500" : low ? "bg-amber-500" : "bg-emerald-500";
  const warningAt = 100 - warningLowSpacePct;
  const criticalAt = 100 - ((criticalSpaceGb * 1024 ** 3) / totalBytes) * 100;
  return (
    <div className="w-40">
      <div role="meter" aria-label={label} aria-valuenow={Math.round(usedPct)} aria-valuemin={0} aria-valuemax={100} className="relative h-2.5 overflow-hidden rounded bg-slate-200">
        <div className={`h-full ${color}`} style={{ width: `${usedPct}%` }} />
        <div className="absolute top-0 h-full w-px bg-amber-700" style={{ left: `${warningAt}%` }} title={`warning: under ${warningLowSpacePct}% free`} />
        {criticalAt > 0 && <div className="absolute top-0 h-full w-px bg-red-700" style={{ left: `${criticalAt}%` }} title={`critical: under ${criticalSpaceGb} GiB free`} />}
      </div>
      <div className="mt-0.5 text-[11px] text-slate-600">
        {Math.round(usedPct)}% used · {formatBytes(freeBytes)} free{critical ? " · critical" : low ? " · low space" : ""}
      </div>
    </div>
  );
}
