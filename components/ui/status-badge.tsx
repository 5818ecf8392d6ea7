// Status shown with color and text, never color alone.
const tones: Record<string, string> = {
  ok: "bg-emerald-100 text-emerald-800",
  up: "bg-emerald-100 text-emerald-800",
  active: "bg-emerald-100 text-emerald-800",
  finished: "bg-emerald-100 text-emerald-800",
  down: "bg-slate-200 text-slate-700",
  suspended: "bg-indigo-100 text-indigo-800",
  maintenance: "bg-amber-100 text-amber-800",
  inactive: "bg-slate-200 text-slate-700",
  locked: "bg-sky-100 text-sky-800",
  image_locked: "bg-sky-100 text-sky-800",
  pending: "bg-sky-100 text-sky-800",
  running: "bg-sky-100 text-sky-800",
  committed: "bg-sky-100 text-sky-800",
  powering_up: "bg-sky-100 text-sky-800",
  powering_down: "bg-sky-100 text-sky-800",
  saving_state: "bg-sky-100 text-sky-800",
  restoring_state: "bg-sky-100 text-sky-800",
  illegal: "bg-red-100 text-red-800",
  failed: "bg-red-100 text-red-800",
  aborted: "bg-amber-100 text-amber-800",
  error: "bg-red-100 text-red-800",
  warning: "bg-amber-100 text-amber-800",
  normal: "bg-slate-100 text-slate-700",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${tones[status] ?? "bg-slate-100 text-slate-700"}`}>
      {status.replace(/_/g, " ")}
    </span>
  );
}
