import { formatBytes } from "@/lib/format";

// Used space with the warning (amber) and critical (red) thresholds marked, and the space jobs
// in flight have reserved (striped: promised, not written yet) right after the used part.
export function UsageBar({ totalBytes, freeBytes, reservedBytes = 0, warningLowSpacePct, criticalSpaceGb, label }: { totalBytes: number; freeBytes: number; reservedBytes?: number; warningLowSpacePct: number; criticalSpaceGb: number; label: string }) {
  if (!totalBytes) return <span className="text-xs text-slate-500">unknown</span>;
  const usedPct = ((totalBytes - freeBytes) / totalBytes) * 100;
  const reservedPct = Math.min(100 - usedPct, (reservedBytes / totalBytes) * 100);
  const critical = freeBytes < criticalSpaceGb * 1024 ** 3;
  const low = (freeBytes / totalBytes) * 100 < warningLowSpacePct;
  const color = critical ? "bg-red-500" : low ? "bg-amber-500" : "bg-emerald-500";
  const warningAt = 100 - warningLowSpacePct;
  const criticalAt = 100 - ((criticalSpaceGb * 1024 ** 3) / totalBytes) * 100;
  return (
    <div className="w-40">
      <div role="meter" aria-label={label} aria-valuenow={Math.round(usedPct)} aria-valuemin={0} aria-valuemax={100} className="relative flex h-2.5 overflow-hidden rounded bg-slate-200">
        <div className={`h-full ${color}`} style={{ width: `${usedPct}%` }} />
        {reservedPct > 0 && <div className="h-full bg-[repeating-linear-gradient(45deg,#0ea5e9_0_3px,#bae6fd_3px_6px)]" style={{ width: `${reservedPct}%` }} title={`${formatBytes(reservedBytes)} reserved by jobs in flight`} />}
        <div className="absolute top-0 h-full w-px bg-amber-700" style={{ left: `${warningAt}%` }} title={`warning: under ${warningLowSpacePct}% free`} />
        {criticalAt > 0 && <div className="absolute top-0 h-full w-px bg-red-700" style={{ left: `${criticalAt}%` }} title={`critical: under ${criticalSpaceGb} GiB free`} />}
      </div>
      <div className="mt-0.5 whitespace-normal text-[11px] text-slate-600">
        {Math.round(usedPct)}% used · {formatBytes(freeBytes)} free of {formatBytes(totalBytes)}
        {reservedBytes > 0 && ` · ${formatBytes(reservedBytes)} reserved`}
        {critical ? " · critical" : low ? " · low space" : ""}
      </div>
    </div>
  );
}
